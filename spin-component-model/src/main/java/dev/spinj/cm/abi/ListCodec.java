package dev.spinj.cm.abi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** list&lt;T&gt; as a Java List; the length is checked against memory before anything is allocated. */
final class ListCodec extends PointerLengthCodec {
    private final ValueCodec element;

    ListCodec(ValueCodec element) {
        this.element = element;
    }

    @Override
    List<Object> loadRange(CallContext cx, int ptr, int length) {
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

    @Override
    long storeRange(CallContext cx, Object value) {
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
