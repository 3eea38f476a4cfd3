package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * flags as the Set of labels that are set; bit i is label i. Up to 32 labels: one u8/u16/u32
 * and one i32 flat. More than 32 (the older encoding wasmtime keeps): ceil(n/32) u32 words,
 * one i32 each.
 */
final class FlagsCodec implements ValueCodec {
    private final List<String> labels;
    private final int size;
    private final int words;
    private final CoreValType[] flat;

    FlagsCodec(List<String> labels) {
        this.labels = labels;
        int n = labels.size();
        this.words = (n + 31) / 32;
        this.size = n <= 8 ? 1 : n <= 16 ? 2 : 4 * words;
        this.flat = new CoreValType[words];
        Arrays.fill(flat, CoreValType.I32);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int alignment() {
        return Math.min(size, 4);
    }

    @Override
    public CoreValType[] flat() {
        return flat;
    }

    @Override
    public Object load(CallContext cx, int ptr) {
        var m = cx.memory();
        int[] bits = new int[words];
        if (size == 1) {
            bits[0] = m.read(ptr) & 0xff;
        } else if (size == 2) {
            bits[0] = m.readShort(ptr) & 0xffff;
        } else {
            for (int w = 0; w < words; w++) {
                bits[w] = m.readInt(ptr + 4 * w);
            }
        }
        return unpack(bits);
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        int[] bits = pack(cx, value);
        var m = cx.memory();
        if (size == 1) {
            m.writeByte(ptr, (byte) bits[0]);
        } else if (size == 2) {
            m.writeShort(ptr, (short) bits[0]);
        } else {
            for (int w = 0; w < words; w++) {
                m.writeI32(ptr + 4 * w, bits[w]);
            }
        }
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        int[] bits = new int[words];
        for (int w = 0; w < words; w++) {
            bits[w] = (int) in.next();
        }
        return unpack(bits);
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        for (int b : pack(cx, value)) {
            out.add(b);
        }
    }

    /** Bits beyond the last label are ignored, as unpack_flags_from_int does. */
    private Set<String> unpack(int[] bits) {
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            if ((bits[i / 32] >>> (i % 32) & 1) != 0) {
                set.add(labels.get(i));
            }
        }
        return Collections.unmodifiableSet(set);
    }

    private int[] pack(CallContext cx, Object value) {
        if (!(value instanceof Set<?> set)) {
            throw ValueCodec.badValue(cx, "flags (Set of " + labels + ")", value);
        }
        int[] bits = new int[words];
        for (Object o : set) {
            int i = labels.indexOf(o);
            if (i < 0) {
                throw ValueCodec.badValue(cx, "flags (Set of " + labels + ")", value);
            }
            bits[i / 32] |= 1 << (i % 32);
        }
        return bits;
    }
}
