package dev.spinj.wasm.host.sqlite;

/**
 * Spin's SQLite {@code value} variant (SPEC 3.5): 16 bytes, align 8, tag at 0, payload at 8.
 * {@code text} and {@code blob} carry their bytes; {@code integer}/{@code real} a number.
 */
public record SqliteValue(int tag, long integer, double real, byte[] bytes) {
    public static final int INTEGER = 0;
    public static final int REAL = 1;
    public static final int TEXT = 2;
    public static final int BLOB = 3;
    public static final int NULL = 4;
    static final int SIZE = 16;
}
