package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/**
 * The (pointer, length) pair shared by strings and lists: two i32s flat, eight bytes in memory.
 * Subclasses say only how a range of guest memory becomes a Java value and back.
 */
abstract class PointerLengthCodec implements ValueCodec {
    private static final CoreValType[] FLAT = {CoreValType.I32, CoreValType.I32};

    @Override
    public final int size() {
        return 8;
    }

    @Override
    public final int alignment() {
        return 4;
    }

    @Override
    public final CoreValType[] flat() {
        return FLAT;
    }

    @Override
    public final Object load(CallContext cx, int ptr) {
        return loadRange(cx, cx.memory().readInt(ptr), cx.memory().readInt(ptr + 4));
    }

    @Override
    public final void store(CallContext cx, Object value, int ptr) {
        long packed = storeRange(cx, value);
        cx.memory().writeI32(ptr, (int) (packed >>> 32));
        cx.memory().writeI32(ptr + 4, (int) packed);
    }

    @Override
    public final Object liftFlat(CallContext cx, FlatReader in) {
        int ptr = (int) in.next();
        return loadRange(cx, ptr, (int) in.next());
    }

    @Override
    public final void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        long packed = storeRange(cx, value);
        out.add((int) (packed >>> 32));
        out.add((int) packed);
    }

    /** The value in guest memory at {@code ptr}; {@code length} as the guest gave it (unsigned, maybe tagged). */
    abstract Object loadRange(CallContext cx, int ptr, int length);

    /** Copies {@code value} into memory the guest allocates; the pointer in the high and the length in the low 32 bits. */
    abstract long storeRange(CallContext cx, Object value);
}
