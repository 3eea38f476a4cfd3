package dev.spinj.wasm.host.rdbms;

/**
 * A result column: name and {@code db-data-type} (0 boolean .. 13 other); the data type uses the
 * same numbering as {@link DbValue}'s tags for the types both have, PostgreSQL's later kinds
 * included ({@link DbValue#DATE} on), with {@code typeName} the database's name for {@link #OTHER}.
 */
public record DbColumn(String name, int dataType, String typeName) {
    public static final int OTHER = 13;

    /** The data type in the numbering of the 1.x and {@code rdbms-types@2.0.0} interfaces: later kinds are {@code other}. */
    public int legacyDataType() {
        return dataType > DbValue.UNSUPPORTED ? OTHER : dataType;
    }
}
