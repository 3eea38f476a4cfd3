package dev.spinj.wasm.abi;

import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guest linear memory seen through the canonical ABI: every pointer the guest hands us is
 * bounds-checked (as unsigned 32-bit values) before it is touched, and strings must be valid
 * UTF-8. A violation is a {@link GuestAbiException}, which ends the guest call like a trap.
 */
public final class GuestMemory {
    private final Memory memory;

    public GuestMemory(Memory memory) {
        this.memory = memory;
    }

    /** Current size in bytes; re-read on every check because any guest call may grow memory. */
    public long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    public void checkRange(int ptr, int len, String what) {
        long start = Integer.toUnsignedLong(ptr);
        long end = start + Integer.toUnsignedLong(len);
        if (end > size()) {
            throw new GuestAbiException(what + " out of bounds: pointer " + start + " length "
                    + Integer.toUnsignedLong(len) + " exceeds memory size " + size());
        }
    }

    public void checkAligned(int ptr, int align, String what) {
        if (align > 1 && (ptr & (align - 1)) != 0) {
            throw new GuestAbiException(what + " is not " + align + "-byte aligned: " + Integer.toUnsignedLong(ptr));
        }
    }

    public byte[] bytes(int ptr, int len, String what) {
        checkRange(ptr, len, what);
        return len == 0 ? new byte[0] : memory.readBytes(ptr, len);
    }

    public String string(int ptr, int len, String what) {
        byte[] raw = bytes(ptr, len, what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GuestAbiException(what + " is not valid UTF-8");
        }
    }

    public int i32(int ptr) {
        checkRange(ptr, 4, "i32");
        return memory.readInt(ptr);
    }

    public long i64(int ptr) {
        checkRange(ptr, 8, "i64");
        return memory.readLong(ptr);
    }

    public int u16(int ptr) {
        checkRange(ptr, 2, "u16");
        return (int) memory.readU16(ptr);
    }

    public int u8(int ptr) {
        checkRange(ptr, 1, "u8");
        return (int) memory.readU8(ptr);
    }

    public double f64(int ptr) {
        checkRange(ptr, 8, "f64");
        return memory.readDouble(ptr);
    }

    public void write(int ptr, byte[] data) {
        checkRange(ptr, data.length, "write");
        if (data.length > 0) {
            memory.write(ptr, data);
        }
    }

    public void writeI32(int ptr, int value) {
        checkRange(ptr, 4, "i32");
        memory.writeI32(ptr, value);
    }

    public void writeI64(int ptr, long value) {
        checkRange(ptr, 8, "i64");
        memory.writeLong(ptr, value);
    }

    public void writeU16(int ptr, int value) {
        checkRange(ptr, 2, "u16");
        memory.writeShort(ptr, (short) value);
    }

    public void writeU8(int ptr, int value) {
        checkRange(ptr, 1, "u8");
        memory.writeByte(ptr, (byte) value);
    }

    public void writeF64(int ptr, double value) {
        checkRange(ptr, 8, "f64");
        memory.writeF64(ptr, value);
    }
}
