package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;
import dev.spinj.cm.types.Primitive;

/** The integer types: s8..s32 and u8, u16 as Integer; u32, s64 and u64 as Long. */
final class IntCodec implements ValueCodec {
    private static final CoreValType[] I32 = {CoreValType.I32};
    private static final CoreValType[] I64 = {CoreValType.I64};

    private final Primitive type;
    private final int size;

    IntCodec(Primitive type) {
        this.type = type;
        this.size = switch (type) {
            case S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32 -> 4;
            default -> 8;
        };
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int alignment() {
        return size;
    }

    @Override
    public CoreValType[] flat() {
        return size == 8 ? I64 : I32;
    }

    @Override
    public Object load(CallContext cx, int ptr) {
        var m = cx.memory();
        return switch (size) {
            case 1 -> fromBits(m.read(ptr));
            case 2 -> fromBits(m.readShort(ptr));
            case 4 -> fromBits(m.readInt(ptr));
            default -> m.readLong(ptr);
        };
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        long bits = toBits(cx, value);
        var m = cx.memory();
        switch (size) {
            case 1 -> m.writeByte(ptr, (byte) bits);
            case 2 -> m.writeShort(ptr, (short) bits);
            case 4 -> m.writeI32(ptr, (int) bits);
            default -> m.writeLong(ptr, bits);
        }
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        long v = in.next();
        return size == 8 ? v : fromBits((int) v);
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        long bits = toBits(cx, value);
        out.add(size == 8 ? bits : (int) bits);
    }

    /** Interprets the low bits as this type (wrapping, as lift_flat_signed/unsigned do). */
    private Object fromBits(long bits) {
        return switch (type) {
            case S8 -> (int) (byte) bits;
            case U8 -> (int) (bits & 0xff);
            case S16 -> (int) (short) bits;
            case U16 -> (int) (bits & 0xffff);
            case S32 -> (int) bits;
            default -> bits & 0xffffffffL;
        };
    }

    private long toBits(CallContext cx, Object value) {
        boolean ok = switch (type) {
            case U32, S64, U64 -> value instanceof Long;
            default -> value instanceof Integer;
        };
        if (!ok) {
            throw ValueCodec.badValue(cx, type.toString(), value);
        }
        long v = ((Number) value).longValue();
        boolean inRange = switch (type) {
            case S8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case U8 -> v >= 0 && v <= 0xff;
            case S16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case U16 -> v >= 0 && v <= 0xffff;
            case U32 -> v >= 0 && v <= 0xffffffffL;
            default -> true;
        };
        if (!inRange) {
            throw ValueCodec.badValue(cx, type + " (out of range)", value);
        }
        return v;
    }
}
