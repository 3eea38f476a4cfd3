package dev.spinj.cm.abi;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * string in one of the three encodings. Host strings are treated as UTF-8 sources (as wasmtime
 * does), so storing follows the spec's {@code store_string_copy} (utf8), {@code
 * store_utf8_to_utf16} and {@code store_string_to_latin1_or_utf16}, including their
 * worst-case-then-shrink realloc calls.
 */
final class StringCodec extends PointerLengthCodec {
    private static final int UTF16_TAG = 1 << 31;

    private final StringEncoding encoding;

    StringCodec(StringEncoding encoding) {
        this.encoding = encoding;
    }

    @Override
    String loadRange(CallContext cx, int ptr, int taggedUnits) {
        long units = Integer.toUnsignedLong(taggedUnits);
        long byteLength;
        int alignment;
        Charset charset;
        switch (encoding) {
            case UTF8 -> {
                byteLength = units;
                alignment = 1;
                charset = StandardCharsets.UTF_8;
            }
            case UTF16 -> {
                byteLength = 2 * units;
                alignment = 2;
                charset = StandardCharsets.UTF_16LE;
            }
            default -> {
                alignment = 2;
                if ((taggedUnits & UTF16_TAG) != 0) {
                    byteLength = 2 * (units & ~(long) UTF16_TAG & 0xffffffffL);
                    charset = StandardCharsets.UTF_16LE;
                } else {
                    byteLength = units;
                    charset = StandardCharsets.ISO_8859_1;
                }
            }
        }
        if (byteLength > CallContext.MAX_BYTE_LENGTH) {
            throw cx.trap("string of " + byteLength + " bytes exceeds the maximum of " + CallContext.MAX_BYTE_LENGTH);
        }
        cx.checkRange(ptr, byteLength, alignment, "string");
        byte[] bytes = cx.memory().readBytes(ptr, (int) byteLength);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw cx.trap("string at 0x" + Integer.toHexString(ptr) + " is not valid " + charset.name());
        }
    }

    /** Stores the string with realloc and returns {@code ptr << 32 | tagged code units}. */
    @Override
    long storeRange(CallContext cx, Object value) {
        if (!(value instanceof String s)) {
            throw ValueCodec.badValue(cx, "string", value);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > CallContext.MAX_BYTE_LENGTH) {
            throw new IllegalArgumentException("`" + cx.function + "`: string of " + utf8.length + " bytes exceeds the maximum of "
                    + CallContext.MAX_BYTE_LENGTH);
        }
        return switch (encoding) {
            case UTF8 -> {
                int ptr = cx.allocate(1, utf8.length, "a string");
                cx.memory().write(ptr, utf8);
                yield pack(ptr, utf8.length);
            }
            case UTF16 -> {
                long worst = 2L * utf8.length;
                int ptr = cx.allocate(2, worst, "a string");
                byte[] utf16 = s.getBytes(StandardCharsets.UTF_16LE);
                cx.memory().write(ptr, utf16);
                if (utf16.length < worst) {
                    ptr = cx.reallocate(ptr, worst, 2, utf16.length, "a string");
                }
                yield pack(ptr, utf16.length / 2);
            }
            default -> latin1OrUtf16(cx, s, utf8.length);
        };
    }

    private static long latin1OrUtf16(CallContext cx, String s, int sourceUnits) {
        int ptr = cx.allocate(2, sourceUnits, "a string");
        if (s.chars().allMatch(c -> c < 0x100)) {
            byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
            cx.memory().write(ptr, latin1);
            if (latin1.length < sourceUnits) {
                ptr = cx.reallocate(ptr, sourceUnits, 2, latin1.length, "a string");
            }
            return pack(ptr, latin1.length);
        }
        // The spec writes the Latin-1 prefix first and then widens it in place; the memory
        // contents and realloc calls end up identical to writing all of it as UTF-16 here.
        long worst = 2L * sourceUnits;
        ptr = cx.reallocate(ptr, sourceUnits, 2, worst, "a string");
        byte[] utf16 = s.getBytes(StandardCharsets.UTF_16LE);
        cx.memory().write(ptr, utf16);
        if (worst > utf16.length) {
            ptr = cx.reallocate(ptr, worst, 2, utf16.length, "a string");
        }
        return pack(ptr, (utf16.length / 2) | UTF16_TAG);
    }

    private static long pack(int ptr, int taggedUnits) {
        return ((long) ptr << 32) | (taggedUnits & 0xffffffffL);
    }
}
