package dev.spinj.wasm.host.rdbms;

/**
 * A result column: name and {@code db-data-type} (0 boolean .. 13 other); the data type uses the
 * same numbering as {@link DbValue}'s tags for the types both have.
 */
public record DbColumn(String name, int dataType) {
    public static final int OTHER = 13;
}
