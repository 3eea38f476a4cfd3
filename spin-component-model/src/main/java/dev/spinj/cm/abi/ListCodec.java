package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** list&lt;T&gt; as a Java List; the length is checked against memory before anything is allocated. */
final class ListCodec implements ValueCodec {
    private static final CoreValType[] FLAT = {CoreValType.I32, CoreValType.I32};

    private final ValueCodec element;

    ListCodec(ValueCodec element) {
        this.element = element;
    }

    @Override
    public int size() {
        return 8;
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
        return loadRange(cx, cx.memory().readInt(ptr), cx.memory().readInt(ptr + 4));
    }

    @Override
    public void store(CallContext cx, Object value, int ptr) {
        long packed = storeRange(cx, value);
        cx.memory().writeI32(ptr, (int) (packed >>> 32));
        cx.memory().writeI32(ptr + 4, (int) packed);
    }

    @Override
    public Object liftFlat(CallContext cx, FlatReader in) {
        int ptr = (int) in.next();
        return loadRange(cx, ptr, (int) in.next());
    }

    @Override
    public void lowerFlat(CallContext cx, Object value, FlatWriter out) {
        long packed = storeRange(cx, value);
        out.add((int) (packed >>> 32));
        out.add((int) packed);
    }

    private List<Object> loadRange(CallContext cx, int ptr, int length) {
        long count = Integer.toUnsignedLong(length);
        long byteLength = checkedByteLength(cx, count, element.size());
        cx.checkRange(ptr, byteLength, element.alignment(), "list");
        // capacity grows with what is actually loaded; the guest's length only bounds the loop
        List<Object> out = new ArrayList<>((int) Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            out.add(element.load(cx, ptr + i * element.size()));
        }
        return Collections.unmodifiableList(out);
    }

    private long storeRange(CallContext cx, Object value) {
        if (!(value instanceof List<?> list)) {
            throw ValueCodec.badValue(cx, "list", value);
        }
        long byteLength = (long) list.size() * element.size();
        if (byteLength > CallContext.MAX_BYTE_LENGTH) {
            throw new IllegalArgumentException("`" + cx.function + "`: list of " + byteLength + " bytes exceeds the maximum of "
                    + CallContext.MAX_BYTE_LENGTH);
        }
        int ptr = cx.allocate(element.alignment(), byteLength, "a list");
        for (int i = 0; i < list.size(); i++) {
            element.store(cx, list.get(i), ptr + i * element.size());
        }
        return ((long) ptr << 32) | list.size();
    }

    /** Element count times size, trapping above the spec's maximum list size (before any allocation). */
    static long checkedByteLength(CallContext cx, long count, int elementSize) {
        long byteLength = count * elementSize;
        if (byteLength > CallContext.MAX_BYTE_LENGTH) {
            throw cx.trap("list of " + count + " elements of " + elementSize + " bytes exceeds the maximum of "
                    + CallContext.MAX_BYTE_LENGTH + " bytes");
        }
        return byteLength;
    }
}
