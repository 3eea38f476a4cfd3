package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestAbiException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lists and strings a host binding lifts from a guest: a 2 GiB length or a count whose byte size
 * overflows is an ABI violation found before anything is allocated (issue 9.6), in a real instance.
 */
class GuestListBoundsTest {
    private final CanonicalAbi abi = new CanonicalAbi(
            Instance.builder(Parser.parse(Wat2Wasm.parse("(module (memory (export \"memory\") 1))"))).build(), Set.of(), null);

    @Test
    void twoGibStringIsRefused() {
        var e = assertThrows(GuestAbiException.class, () -> abi.liftString(0, 0x7ffffff0, "key"));
        assertEquals("key out of bounds: pointer 0 length 2147483632 exceeds memory size 65536", e.getMessage());
    }

    @Test
    void elementCountWhoseByteSizeOverflowsIsRefused() {
        var strings = assertThrows(GuestAbiException.class, () -> abi.liftStrings(0, 0x7fffffff, "params"));
        assertEquals("params has too many elements: 2147483647", strings.getMessage());
        var headers = assertThrows(GuestAbiException.class, () -> abi.liftHeaders(0, -1, "headers"));
        assertEquals("headers has too many elements: 4294967295", headers.getMessage());
    }

    @Test
    void listLargerThanMemoryIsRefused() {
        var e = assertThrows(GuestAbiException.class, () -> abi.liftHeaders(0, 1 << 20, "headers"));
        assertEquals("headers out of bounds: pointer 0 length 16777216 exceeds memory size 65536", e.getMessage());
    }
}
