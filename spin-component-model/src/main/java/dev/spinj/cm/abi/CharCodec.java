package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/** char: a Unicode scalar value as Integer; surrogates and values above 0x10FFFF trap. */
final class CharCodec implements ValueCodec {
    private static final CoreValType[] FLAT = {CoreValType.I32};

    @Override
    public int size() {
        return 4;
    }

    @Override
    public int alignment() {
        return 4;
    }

    @Override
    public CoreValType[] flat() {
        return FLAT;
    }

    @Override
    public Object load(CallContext cx, int ptr) {
        return check(cx, cx.memory().readInt(ptr));
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        cx.memory().writeI32(ptr, scalar(cx, value));
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        return check(cx, (int) in.next());
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        out.add(scalar(cx, value));
    }

    private static Integer check(CallContext cx, int i) {
        if (!isScalar(i)) {
            throw cx.trap("char 0x" + Integer.toHexString(i) + " is not a Unicode scalar value");
        }
        return i;
    }

    private static int scalar(CallContext cx, Object value) {
        if (value instanceof Integer i && isScalar(i)) {
            return i;
        }
        throw ValueCodec.badValue(cx, "char (a Unicode scalar value)", value);
    }

    private static boolean isScalar(int i) {
        return i >= 0 && i < 0x110000 && (i < 0xd800 || i > 0xdfff);
    }
}
