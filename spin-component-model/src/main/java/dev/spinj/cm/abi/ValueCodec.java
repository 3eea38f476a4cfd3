package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/**
 * Lifts and lowers one (despecialised) value type, flat and in memory. A tree of codecs is
 * built once per function type ({@link Codecs}); calls only run it.
 */
interface ValueCodec {
    /** {@code elem_size}. */
    int size();

    /** {@code alignment}. */
    int alignment();

    /** {@code flatten_type}. */
    CoreValType[] flat();

    Object load(CallContext cx, int ptr);

    void store(CallContext cx, Object value, int ptr);

    Object liftFlat(CallContext cx, FlatReader in);

    void lowerFlat(CallContext cx, Object value, FlatWriter out);

    static int alignTo(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    static IllegalArgumentException badValue(CallContext cx, String type, Object value) {
        return new IllegalArgumentException("`" + cx.function + "`: expected a Java value for " + type + ", found "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
}
