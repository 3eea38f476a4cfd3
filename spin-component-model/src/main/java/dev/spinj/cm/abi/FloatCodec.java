package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/** f32 (Float) and f64 (Double); lifting canonicalises NaN as the spec requires. */
final class FloatCodec implements ValueCodec {
    private static final CoreValType[] F32 = {CoreValType.F32};
    private static final CoreValType[] F64 = {CoreValType.F64};
    private static final int CANONICAL_NAN32 = 0x7fc00000;
    private static final long CANONICAL_NAN64 = 0x7ff8000000000000L;

    private final boolean wide;

    FloatCodec(boolean wide) {
        this.wide = wide;
    }

    @Override
    public int size() {
        return wide ? 8 : 4;
    }

    @Override
    public int alignment() {
        return size();
    }

    @Override
    public CoreValType[] flat() {
        return wide ? F64 : F32;
    }

    @Override
    public Object load(CallContext cx, int ptr) {
        // no conditional expression here: it would unbox the Float and promote it to double
        if (wide) {
            return fromBits(cx.memory().readLong(ptr));
        }
        return fromBits32(cx.memory().readInt(ptr));
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        if (wide) {
            cx.memory().writeLong(ptr, bits(cx, value));
        } else {
            cx.memory().writeI32(ptr, (int) bits(cx, value));
        }
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        long v = in.next();
        if (wide) {
            return fromBits(v);
        }
        return fromBits32((int) v);
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        out.add(bits(cx, value));
    }

    private static Float fromBits32(int bits) {
        float f = Float.intBitsToFloat(bits);
        return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_NAN32) : f;
    }

    private static Double fromBits(long bits) {
        double d = Double.longBitsToDouble(bits);
        return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_NAN64) : d;
    }

    /** Raw bits; f32 zero-extended so that a joined i64 slot holds exactly the 32 bits. */
    private long bits(CallContext cx, Object value) {
        if (wide && value instanceof Double d) {
            return Double.doubleToRawLongBits(d);
        }
        if (!wide && value instanceof Float f) {
            return Float.floatToRawIntBits(f) & 0xffffffffL;
        }
        throw ValueCodec.badValue(cx, wide ? "f64" : "f32", value);
    }
}
