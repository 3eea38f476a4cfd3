package dev.spinj.cm.abi;

/** list&lt;u8&gt; as byte[]: one bulk copy each way, no boxing. */
final class ByteListCodec extends PointerLengthCodec {
    @Override
    byte[] loadRange(CallContext cx, int ptr, int length) {
        long byteLength = ListCodec.checkedByteLength(cx, Integer.toUnsignedLong(length), 1);
        cx.checkRange(ptr, byteLength, 1, "list<u8>");
        return cx.memory().readBytes(ptr, (int) byteLength);
    }

    @Override
    long storeRange(CallContext cx, Object value) {
        if (!(value instanceof byte[] bytes)) {
            throw ValueCodec.badValue(cx, "list<u8> (byte[])", value);
        }
        if (bytes.length > CallContext.MAX_BYTE_LENGTH) {
            throw new IllegalArgumentException("`" + cx.function + "`: list of " + bytes.length + " bytes exceeds the maximum of "
                    + CallContext.MAX_BYTE_LENGTH);
        }
        int ptr = cx.allocate(1, bytes.length, "a list<u8>");
        cx.memory().write(ptr, bytes);
        return ((long) ptr << 32) | bytes.length;
    }
}
