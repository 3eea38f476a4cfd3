package dev.spinj.cm.binary;

/** The index spaces of a component scope ({@code sort} and {@code core:sort} in Binary.md). */
public enum Sort {
    CORE_FUNC("core func"), CORE_TABLE("core table"), CORE_MEMORY("core memory"), CORE_GLOBAL("core global"),
    CORE_TAG("core tag"), CORE_TYPE("core type"), CORE_MODULE("core module"), CORE_INSTANCE("core instance"),
    FUNC("func"), VALUE("value"), TYPE("type"), COMPONENT("component"), INSTANCE("instance");

    private final String text;

    Sort(String text) {
        this.text = text;
    }

    /** The index space an item of extern type {@code t} belongs to. */
    public static Sort of(dev.spinj.cm.types.ExternType t) {
        return TypeReader.sortOf(t);
    }

    /** True for the core sorts. */
    public boolean isCore() {
        return ordinal() <= CORE_INSTANCE.ordinal();
    }

    static Sort core(ByteReader r) {
        int at = r.pos();
        int b = r.u8("core sort");
        return switch (b) {
            case 0x00 -> CORE_FUNC;
            case 0x01 -> CORE_TABLE;
            case 0x02 -> CORE_MEMORY;
            case 0x03 -> CORE_GLOBAL;
            case 0x04 -> CORE_TAG;
            case 0x10 -> CORE_TYPE;
            case 0x11 -> CORE_MODULE;
            case 0x12 -> CORE_INSTANCE;
            default -> throw r.errorAt(at, "expected a core sort (0x00..0x04, 0x10..0x12), found 0x" + Integer.toHexString(b));
        };
    }

    static Sort read(ByteReader r) {
        int at = r.pos();
        int b = r.u8("sort");
        return switch (b) {
            case 0x00 -> core(r);
            case 0x01 -> FUNC;
            case 0x02 -> VALUE;
            case 0x03 -> TYPE;
            case 0x04 -> COMPONENT;
            case 0x05 -> INSTANCE;
            default -> throw r.errorAt(at, "expected a sort (0x00..0x05), found 0x" + Integer.toHexString(b));
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
