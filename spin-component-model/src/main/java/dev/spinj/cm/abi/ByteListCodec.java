package dev.spinj.cm.abi;

import dev.spinj.cm.types.CoreValType;

/** list&lt;u8&gt; as byte[]: one bulk copy each way, no boxing. */
final class ByteListCodec implements ValueCodec {
    private static final CoreValType[] FLAT = {CoreValType.I32, CoreValType.I32};

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

    private static byte[] loadRange(CallContext cx, int ptr, int length) {
        long byteLength = ListCodec.checkedByteLength(cx, Integer.toUnsignedLong(length), 1);
        cx.checkRange(ptr, byteLength, 1, "list<u8>");
        return cx.memory().readBytes(ptr, (int) byteLength);
    }

    private static long storeRange(CallContext cx, Object value) {
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
