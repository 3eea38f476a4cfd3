package dev.spinj.cm.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.Primitive;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings in utf8, utf16 and latin1+utf16: bytes written, realloc protocol, decoding traps. */
class StringEncodingTest {
    private static final FuncType TAKES_STRING = new FuncType(List.of(new Field("s", Primitive.STRING)), null);
    private final GuestMemory guest = new GuestMemory();
    private final CallContext cx = guest.context(GuestMemory.instance());

    private long[] lower(StringEncoding enc, String s) {
        return FunctionAbi.plan(TAKES_STRING, enc).lowerParams(cx, s);
    }

    private Object lift(StringEncoding enc, int ptr, int units) {
        return FunctionAbi.plan(TAKES_STRING, enc).liftParams(cx, new long[] {ptr, units})[0];
    }

    @Test
    void utf8IsOneReallocOfTheExactByteLength() {
        long[] flat = lower(StringEncoding.UTF8, "a😀");
        assertEquals(List.of(List.of(0, 0, 1, 5)), guest.calls);
        assertEquals(5, flat[1]);
        assertArrayEquals("a😀".getBytes(StandardCharsets.UTF_8), guest.bytes((int) flat[0], 5));
        assertEquals("a😀", lift(StringEncoding.UTF8, (int) flat[0], 5));
    }

    @Test
    void utf16AllocatesTheWorstCaseThenShrinks() {
        long[] flat = lower(StringEncoding.UTF16, "a😀");
        int ptr = (int) flat[0];
        // worst case 2 x 5 UTF-8 bytes, then shrunk to 3 code units
        assertEquals(List.of(List.of(0, 0, 2, 10), List.of(ptr, 10, 2, 6)), guest.calls);
        assertEquals(3, flat[1]);
        assertArrayEquals(new byte[] {'a', 0, 0x3d, (byte) 0xd8, 0x00, (byte) 0xde}, guest.bytes(ptr, 6));
        assertEquals("a😀", lift(StringEncoding.UTF16, ptr, 3));
    }

    @Test
    void latin1WhenEveryCharFitsAndShrinksToIt() {
        long[] flat = lower(StringEncoding.LATIN1_UTF16, "café");
        int ptr = (int) flat[0];
        assertEquals(List.of(List.of(0, 0, 2, 5), List.of(ptr, 5, 2, 4)), guest.calls);
        assertEquals(4, flat[1]);
        assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xe9}, guest.bytes(ptr, 4));
        assertEquals("café", lift(StringEncoding.LATIN1_UTF16, ptr, 4));
    }

    @Test
    void latin1PlusUtf16SwitchesToTaggedUtf16ForWideChars() {
        long[] flat = lower(StringEncoding.LATIN1_UTF16, "a😀");
        int first = guest.calls.get(0).get(3);
        assertEquals(5, first);
        int ptr = (int) flat[0];
        assertEquals(3 | 1 << 31, (int) flat[1]);
        assertEquals(List.of(0, 0, 2, 5), guest.calls.get(0));
        assertEquals(List.of(5, 2, 10), guest.calls.get(1).subList(1, 4));
        assertEquals(List.of(ptr, 10, 2, 6), guest.calls.get(2));
        assertEquals("a😀", lift(StringEncoding.LATIN1_UTF16, ptr, 3 | 1 << 31));
    }

    @Test
    void invalidUtf8Traps() {
        guest.memory.write(100, new byte[] {(byte) 0xc3, 0x28});
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> lift(StringEncoding.UTF8, 100, 2));
        assertEquals("canonical ABI trap in `test-fn`: string at 0x64 is not valid UTF-8", t.getMessage());
    }

    @Test
    void loneSurrogateInUtf16Traps() {
        guest.memory.write(100, new byte[] {0x00, (byte) 0xd8, 'a', 0});
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> lift(StringEncoding.UTF16, 100, 2));
        assertEquals("canonical ABI trap in `test-fn`: string at 0x64 is not valid UTF-16LE", t.getMessage());
    }

    @Test
    void misalignedUtf16Traps() {
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> lift(StringEncoding.UTF16, 101, 1));
        assertEquals("canonical ABI trap in `test-fn`: string pointer 0x65 is not aligned to 2", t.getMessage());
    }

    @Test
    void aHugeGuestLengthTrapsBeforeReadingAnything() {
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> lift(StringEncoding.UTF8, 0, -1));
        assertEquals("canonical ABI trap in `test-fn`: string of 4294967295 bytes exceeds the maximum of 268435455", t.getMessage());
        CanonicalAbiTrap oob = assertThrows(CanonicalAbiTrap.class, () -> lift(StringEncoding.UTF8, 65000, 1000));
        assertEquals("canonical ABI trap in `test-fn`: string at 0xfde8 of 1000 bytes is out of bounds of memory (65536 bytes)", oob.getMessage());
    }
}
