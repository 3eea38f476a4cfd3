package dev.spinj.cm.abi;

/** char: a Unicode scalar value as Integer; surrogates and values above 0x10FFFF trap. */
final class CharCodec extends I32Codec {
    @Override
    Integer lift(CallContext cx, int i) {
        if (!isScalar(i)) {
            throw cx.trap("char 0x" + Integer.toHexString(i) + " is not a Unicode scalar value");
        }
        return i;
    }

    @Override
    int lower(CallContext cx, Object value) {
        if (value instanceof Integer i && isScalar(i)) {
            return i;
        }
        throw ValueCodec.badValue(cx, "char (a Unicode scalar value)", value);
    }

    private static boolean isScalar(int i) {
        return i >= 0 && i < 0x110000 && (i < 0xd800 || i > 0xdfff);
    }
}
