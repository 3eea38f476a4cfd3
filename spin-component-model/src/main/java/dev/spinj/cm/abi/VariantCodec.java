package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;
import java.util.ArrayList;
import java.util.List;

/**
 * A despecialised variant: discriminant (u8/u16/u32 by case count), then the payload at the
 * largest case alignment. Flat: the discriminant, then the case flattenings joined slot by slot
 * (i32+f32 join to i32, any other mismatch to i64); a narrower payload in an i64 slot is
 * zero-extended, and unused slots are 0.
 */
final class VariantCodec implements ValueCodec {
    private final VariantShape shape;
    private final ValueCodec[] cases;
    private final int discriminantSize;
    private final int payloadOffset;
    private final int size;
    private final int alignment;
    private final CoreValType[] flat;
    /** Per case: which of its flat slots must be zero-extended into an i64 joined slot. */
    private final boolean[][] widen;

    VariantCodec(VariantShape shape, List<ValueCodec> cases) {
        this.shape = shape;
        this.cases = cases.toArray(new ValueCodec[0]);
        int n = this.cases.length;
        this.discriminantSize = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : 4;
        int maxCaseAlign = 1;
        int maxCaseSize = 0;
        List<CoreValType> joined = new ArrayList<>();
        for (ValueCodec c : this.cases) {
            if (c == null) {
                continue;
            }
            maxCaseAlign = Math.max(maxCaseAlign, c.alignment());
            maxCaseSize = Math.max(maxCaseSize, c.size());
            CoreValType[] f = c.flat();
            for (int i = 0; i < f.length; i++) {
                if (i < joined.size()) {
                    joined.set(i, join(joined.get(i), f[i]));
                } else {
                    joined.add(f[i]);
                }
            }
        }
        this.payloadOffset = ValueCodec.alignTo(discriminantSize, maxCaseAlign);
        this.alignment = Math.max(discriminantSize, maxCaseAlign);
        this.size = ValueCodec.alignTo(payloadOffset + maxCaseSize, alignment);
        this.flat = new CoreValType[joined.size() + 1];
        flat[0] = CoreValType.I32;
        for (int i = 0; i < joined.size(); i++) {
            flat[i + 1] = joined.get(i);
        }
        this.widen = new boolean[n][];
        for (int k = 0; k < n; k++) {
            CoreValType[] f = this.cases[k] == null ? new CoreValType[0] : this.cases[k].flat();
            widen[k] = new boolean[f.length];
            for (int i = 0; i < f.length; i++) {
                widen[k][i] = joined.get(i) == CoreValType.I64 && (f[i] == CoreValType.I32 || f[i] == CoreValType.F32);
            }
        }
    }

    private static CoreValType join(CoreValType a, CoreValType b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreValType.I32 && b == CoreValType.F32) || (a == CoreValType.F32 && b == CoreValType.I32)) {
            return CoreValType.I32;
        }
        return CoreValType.I64;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int alignment() {
        return alignment;
    }

    @Override
    public CoreValType[] flat() {
        return flat;
    }

    @Override
    public Object load(CallContext cx, int ptr) {
        var m = cx.memory();
        long disc = switch (discriminantSize) {
            case 1 -> m.read(ptr) & 0xff;
            case 2 -> m.readShort(ptr) & 0xffff;
            default -> Integer.toUnsignedLong(m.readInt(ptr));
        };
        int k = checkCase(cx, disc);
        ValueCodec c = cases[k];
        return shape.make(k, c == null ? null : c.load(cx, ptr + payloadOffset));
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        int k = caseOf(cx, value);
        var m = cx.memory();
        switch (discriminantSize) {
            case 1 -> m.writeByte(ptr, (byte) k);
            case 2 -> m.writeShort(ptr, (short) k);
            default -> m.writeI32(ptr, k);
        }
        if (cases[k] != null) {
            cases[k].store(cx, shape.payloadOf(value), ptr + payloadOffset);
        }
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        int k = checkCase(cx, Integer.toUnsignedLong((int) in.next()));
        ValueCodec c = cases[k];
        Object payload = null;
        int used = 0;
        if (c != null) {
            payload = c.liftFlat(cx, in);
            used = c.flat().length;
        }
        in.skip(flat.length - 1 - used);
        return shape.make(k, payload);
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        int k = caseOf(cx, value);
        out.add(k);
        int start = out.size();
        if (cases[k] != null) {
            cases[k].lowerFlat(cx, shape.payloadOf(value), out);
            boolean[] w = widen[k];
            for (int i = 0; i < w.length; i++) {
                if (w[i]) {
                    out.zeroExtend(start + i);
                }
            }
        }
        while (out.size() < start + flat.length - 1) {
            out.add(0);
        }
    }

    private int checkCase(CallContext cx, long disc) {
        if (disc >= cases.length) {
            throw cx.trap("discriminant " + disc + " out of range for " + shape.typeName() + " with " + cases.length + " cases");
        }
        return (int) disc;
    }

    private int caseOf(CallContext cx, Object value) {
        int k = shape.caseOf(value);
        if (k < 0) {
            throw ValueCodec.badValue(cx, shape.typeName(), value);
        }
        return k;
    }
}
