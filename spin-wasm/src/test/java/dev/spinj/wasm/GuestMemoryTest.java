package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.spinj.wasm.abi.GuestAbiException;
import dev.spinj.wasm.abi.GuestMemory;
import org.junit.jupiter.api.Test;

/** Every pointer a guest hands the host is checked as an unsigned 32-bit range before use. */
class GuestMemoryTest {
    private final GuestMemory memory = new GuestMemory(new ByteBufferMemory(new MemoryLimits(1, 1)));

    @Test
    void rangeEndingAtTheLastByteIsReadable() {
        memory.write(65536 - 3, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, memory.bytes(65536 - 3, 3, "tail"));
    }

    @Test
    void rangePastTheEndIsAnAbiViolation() {
        var e = assertThrows(GuestAbiException.class, () -> memory.bytes(65536 - 3, 4, "body"));
        assertEquals("body out of bounds: pointer 65533 length 4 exceeds memory size 65536", e.getMessage());
    }

    @Test
    void negativeIntsAreHugeUnsignedPointersNotNegativeOffsets() {
        var e = assertThrows(GuestAbiException.class, () -> memory.bytes(-1, 1, "uri"));
        assertEquals("uri out of bounds: pointer 4294967295 length 1 exceeds memory size 65536", e.getMessage());
    }

    @Test
    void lengthThatWrapsAroundIsRejected() {
        assertThrows(GuestAbiException.class, () -> memory.bytes(16, -16, "list"));
    }

    @Test
    void invalidUtf8IsRejected() {
        memory.write(100, new byte[] {(byte) 0xC3, (byte) 0x28});
        var e = assertThrows(GuestAbiException.class, () -> memory.string(100, 2, "header name"));
        assertEquals("header name is not valid UTF-8", e.getMessage());
    }

    @Test
    void validUtf8IsDecoded() {
        memory.write(100, "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("héllo", memory.string(100, 6, "value"));
    }
}
