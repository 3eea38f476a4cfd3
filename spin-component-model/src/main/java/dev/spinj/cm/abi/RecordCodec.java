package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * record (as {@link RecordValue}) and tuple (as List): fields in order, each at its own
 * alignment, the size rounded up to the largest alignment.
 */
final class RecordCodec implements ValueCodec {
    private final ValueCodec[] fields;
    private final int[] offsets;
    private final int size;
    private final int alignment;
    private final CoreValType[] flat;
    private final boolean tuple;

    RecordCodec(List<ValueCodec> fields, boolean tuple) {
        this.fields = fields.toArray(new ValueCodec[0]);
        this.tuple = tuple;
        this.offsets = new int[this.fields.length];
        int offset = 0;
        int align = 1;
        List<CoreValType> flatTypes = new ArrayList<>();
        for (int i = 0; i < this.fields.length; i++) {
            ValueCodec f = this.fields[i];
            offset = ValueCodec.alignTo(offset, f.alignment());
            offsets[i] = offset;
            offset += f.size();
            align = Math.max(align, f.alignment());
            flatTypes.addAll(Arrays.asList(f.flat()));
        }
        this.alignment = align;
        this.size = ValueCodec.alignTo(offset, align);
        this.flat = flatTypes.toArray(new CoreValType[0]);
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
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].load(cx, ptr + offsets[i]);
        }
        return wrap(values);
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        List<?> values = unwrap(cx, value);
        for (int i = 0; i < fields.length; i++) {
            fields[i].store(cx, values.get(i), ptr + offsets[i]);
        }
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].liftFlat(cx, in);
        }
        return wrap(values);
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        List<?> values = unwrap(cx, value);
        for (int i = 0; i < fields.length; i++) {
            fields[i].lowerFlat(cx, values.get(i), out);
        }
    }

    /** Stores already-unpacked field values (a function's parameter or result tuple). */
    void storeFields(CallContext cx, Object[] values, int ptr) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].store(cx, values[i], ptr + offsets[i]);
        }
    }

    /** Loads field values without wrapping them (a function's parameter or result tuple). */
    Object[] loadFields(CallContext cx, int ptr) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].load(cx, ptr + offsets[i]);
        }
        return values;
    }

    private Object wrap(Object[] values) {
        List<Object> list = Collections.unmodifiableList(Arrays.asList(values));
        return tuple ? list : new RecordValue(list);
    }

    private List<?> unwrap(CallContext cx, Object value) {
        List<?> values;
        if (!tuple && value instanceof RecordValue r) {
            values = r.fields();
        } else if (tuple && value instanceof List<?> l) {
            values = l;
        } else {
            throw ValueCodec.badValue(cx, tuple ? "tuple (List)" : "record (RecordValue)", value);
        }
        if (values.size() != fields.length) {
            throw ValueCodec.badValue(cx, (tuple ? "tuple" : "record") + " of " + fields.length + " fields", value);
        }
        return values;
    }
}
