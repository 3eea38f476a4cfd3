package dev.spinj.wasm.host.rdbms;

/**
 * One {@code db-value} / {@code parameter-value} (SPEC 3.6): 16 bytes, align 8, tag at 0, payload
 * at 8. Integers of every width travel in {@code number} (unsigned ones as their bit pattern),
 * floats in {@code real}, {@code str}/{@code binary} in {@code bytes}.
 *
 * <p>Tags from {@link #DATE} on are PostgreSQL kinds the later interfaces have
 * ({@code spin:postgres@3.0.0}, {@code @4.x}); they carry their text form in {@code bytes}
 * (ISO-8601 for dates and times, as {@code java.time} prints and parses it), except
 * {@link #TIMESTAMP}, Unix seconds in {@code number}. Interfaces without them see
 * {@link #legacyTag()}.
 */
public record DbValue(int tag, long number, double real, byte[] bytes) {
    public static final int BOOLEAN = 0;
    public static final int INT8 = 1;
    public static final int INT16 = 2;
    public static final int INT32 = 3;
    public static final int INT64 = 4;
    public static final int UINT8 = 5;
    public static final int UINT16 = 6;
    public static final int UINT32 = 7;
    public static final int UINT64 = 8;
    public static final int FLOATING32 = 9;
    public static final int FLOATING64 = 10;
    public static final int STR = 11;
    public static final int BINARY = 12;
    public static final int DB_NULL = 13;
    public static final int UNSUPPORTED = 14;
    public static final int DATE = 15;
    public static final int TIME = 16;
    public static final int DATETIME = 17;
    public static final int TIMESTAMP = 18;
    public static final int UUID = 19;
    public static final int JSONB = 20;
    public static final int DECIMAL = 21;
    public static final int SIZE = 16;

    /** The tag in the numbering of the 1.x and {@code rdbms-types@2.0.0} interfaces: later kinds are {@code unsupported}. */
    public int legacyTag() {
        return tag > UNSUPPORTED ? UNSUPPORTED : tag;
    }

    public static DbValue number(int tag, long number) {
        return new DbValue(tag, number, 0, null);
    }

    public static DbValue real(int tag, double real) {
        return new DbValue(tag, 0, real, null);
    }

    public static DbValue bytes(int tag, byte[] bytes) {
        return new DbValue(tag, 0, 0, bytes);
    }

    public static DbValue of(int tag) {
        return new DbValue(tag, 0, 0, null);
    }
}
