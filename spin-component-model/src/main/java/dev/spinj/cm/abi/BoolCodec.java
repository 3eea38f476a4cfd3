package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/** bool: one byte in memory, i32 flat; any non-zero value lifts as true. */
final class BoolCodec implements ValueCodec {
    private static final CoreValType[] FLAT = {CoreValType.I32};

    @Override
    public int size() {
        return 1;
    }

    @Override
    public int alignment() {
        return 1;
    }

    @Override
    public CoreValType[] flat() {
        return FLAT;
    }

    @Override
    public Object load(CallContext cx, int ptr) {
        return cx.memory().read(ptr) != 0;
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        cx.memory().writeByte(ptr, (byte) (bool(cx, value) ? 1 : 0));
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        return (int) in.next() != 0;
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        out.add(bool(cx, value) ? 1 : 0);
    }

    private static boolean bool(CallContext cx, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw ValueCodec.badValue(cx, "bool", value);
    }
}
