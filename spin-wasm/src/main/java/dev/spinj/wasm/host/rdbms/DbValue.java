package dev.spinj.wasm.host.rdbms;

/**
 * One {@code db-value} / {@code parameter-value} (SPEC 3.6): 16 bytes, align 8, tag at 0, payload
 * at 8. Integers of every width travel in {@code number} (unsigned ones as their bit pattern),
 * floats in {@code real}, {@code str}/{@code binary} in {@code bytes}.
 */
record DbValue(int tag, long number, double real, byte[] bytes) {
    static final int BOOLEAN = 0;
    static final int INT8 = 1;
    static final int INT16 = 2;
    static final int INT32 = 3;
    static final int INT64 = 4;
    static final int UINT8 = 5;
    static final int UINT16 = 6;
    static final int UINT32 = 7;
    static final int UINT64 = 8;
    static final int FLOATING32 = 9;
    static final int FLOATING64 = 10;
    static final int STR = 11;
    static final int BINARY = 12;
    static final int DB_NULL = 13;
    static final int UNSUPPORTED = 14;
    static final int SIZE = 16;

    static DbValue number(int tag, long number) {
        return new DbValue(tag, number, 0, null);
    }

    static DbValue real(int tag, double real) {
        return new DbValue(tag, 0, real, null);
    }

    static DbValue bytes(int tag, byte[] bytes) {
        return new DbValue(tag, 0, 0, bytes);
    }

    static DbValue of(int tag) {
        return new DbValue(tag, 0, 0, null);
    }
}
