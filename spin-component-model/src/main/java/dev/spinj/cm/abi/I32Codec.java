package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/**
 * A value that is one i32 both flat and in memory (char, own and borrow handles): subclasses say
 * only how the i32 becomes a Java value and back.
 */
abstract class I32Codec implements ValueCodec {
    private static final CoreValType[] FLAT = {CoreValType.I32};

    @Override
    public final int size() {
        return 4;
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
        return lift(cx, cx.memory().readInt(ptr));
    }

    @Override
    public final void store(CallContext cx, Object value, int ptr) {
        cx.memory().writeI32(ptr, lower(cx, value));
    }

    @Override
    public final Object liftFlat(CallContext cx, FlatReader in) {
        return lift(cx, (int) in.next());
    }

    @Override
    public final void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        out.add(lower(cx, value));
    }

    abstract Object lift(CallContext cx, int bits);

    abstract int lower(CallContext cx, Object value);
}
