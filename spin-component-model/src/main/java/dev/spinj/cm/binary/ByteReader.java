package dev.spinj.cm.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a window of the binary. Every read checks the window's end first, so truncated
 * input becomes a {@link ComponentFormatException} naming what was expected, never an index
 * exception from inside.
 */
final class ByteReader {
    private final byte[] data;
    private final int end;
    private int pos;

    ByteReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    byte[] data() {
        return data;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    ComponentFormatException error(String problem) {
        return new ComponentFormatException(pos, problem);
    }

    ComponentFormatException errorAt(int offset, String problem) {
        return new ComponentFormatException(offset, problem);
    }

    int u8(String what) {
        if (pos >= end) {
            throw error("unexpected end of input, expected " + what);
        }
        return data[pos++] & 0xff;
    }

    int peek(String what) {
        if (pos >= end) {
            throw error("unexpected end of input, expected " + what);
        }
        return data[pos] & 0xff;
    }

    /** An unsigned LEB128 u32 that must also fit a non-negative Java int (indices, lengths, counts). */
    int u32(String what) {
        int start = pos;
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8(what);
            if (shift == 28 && (b & 0x70) != 0) {
                throw errorAt(start, "invalid LEB128 u32 for " + what + ": too large");
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            if (shift == 28) {
                throw errorAt(start, "invalid LEB128 u32 for " + what + ": more than 5 bytes");
            }
        }
        if (result > Integer.MAX_VALUE) {
            throw errorAt(start, what + " " + result + " is larger than this engine supports");
        }
        return (int) result;
    }

    /** An unsigned LEB128 u64 (memory64 limits); only range-checked by the caller. */
    long u64(String what) {
        int start = pos;
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8(what);
            if (shift == 63 && (b & 0x7e) != 0) {
                throw errorAt(start, "invalid LEB128 u64 for " + what);
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    /** A signed LEB128 s33 (value types: negative = type opcode, non-negative = type index). */
    long s33(String what) {
        int start = pos;
        long result = 0;
        int shift = 0;
        int b;
        do {
            if (shift > 28) {
                throw errorAt(start, "invalid LEB128 s33 for " + what + ": more than 5 bytes");
            }
            b = u8(what);
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if ((b & 0x40) != 0 && shift < 64) {
            result |= -1L << shift;
        }
        return result;
    }

    String name(String what) {
        int len = u32("length of " + what);
        int start = pos;
        byte[] bytes = bytes(len, what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw errorAt(start, what + " is not valid UTF-8");
        }
    }

    byte[] bytes(int len, String what) {
        if (len > end - pos) {
            throw error("unexpected end of input, expected " + len + " bytes of " + what + " but only " + (end - pos) + " remain");
        }
        byte[] out = new byte[len];
        System.arraycopy(data, pos, out, 0, len);
        pos += len;
        return out;
    }

    void skip(int len) {
        if (len > end - pos) {
            throw error("unexpected end of input, expected " + len + " more bytes");
        }
        pos += len;
    }

    /** A reader over the next {@code len} bytes; this reader skips past them. */
    ByteReader window(int len, String what) {
        if (len > end - pos) {
            throw error(what + " of " + len + " bytes runs past the end of input (" + (end - pos) + " bytes remain)");
        }
        ByteReader sub = new ByteReader(data, pos, pos + len);
        pos += len;
        return sub;
    }

    void expectEnd(String what) {
        if (pos != end) {
            throw error("expected the end of " + what + " at byte 0x" + Integer.toHexString(end)
                    + ", but " + (end - pos) + " bytes remain");
        }
    }

    int end() {
        return end;
    }
}
