package dev.spinj.wasm.host.sqlite;

/**
 * Spin's SQLite {@code value} variant (SPEC 3.5): 16 bytes, align 8, tag at 0, payload at 8.
 * {@code text} and {@code blob} carry their bytes; {@code integer}/{@code real} a number.
 */
record SqliteValue(int tag, long integer, double real, byte[] bytes) {
    static final int INTEGER = 0;
    static final int REAL = 1;
    static final int TEXT = 2;
    static final int BLOB = 3;
    static final int NULL = 4;
    static final int SIZE = 16;
}
