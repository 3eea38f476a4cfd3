package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.Primitive;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** data.wat: a 64 KiB list&lt;u8&gt; and UTF-16 strings with non-BMP text through guest memory both ways. */
class DataEndToEndTest {
    private static final ListType BYTES = new ListType(Primitive.U8);
    private final List<String> shouted = new ArrayList<>();

    private ComponentInstance instantiate() throws IOException {
        HostInstance host = HostInstance.builder()
                .function("reverse", ComponentFunction.of(new FuncType(List.of(new Field("bytes", BYTES)), BYTES), args -> {
                    byte[] in = (byte[]) args[0];
                    byte[] out = new byte[in.length];
                    for (int i = 0; i < in.length; i++) {
                        out[i] = in[in.length - 1 - i];
                    }
                    return out;
                }))
                .function("shout", ComponentFunction.of(new FuncType(List.of(new Field("s", Primitive.STRING)), Primitive.STRING), args -> {
                    shouted.add((String) args[0]);
                    return ((String) args[0]).toUpperCase(Locale.ROOT);
                }))
                .build();
        try (InputStream in = getClass().getResourceAsStream("/wat/data.wasm")) {
            return new Linker().instance("test:data/host@0.1.0", host).link(ComponentParser.parse(in.readAllBytes()), "data").instantiate();
        }
    }

    @Test
    void sixtyFourKibibytesGoInAndComeBackReversed() throws IOException {
        ComponentInstance i = instantiate();
        byte[] payload = new byte[64 * 1024];
        new Random(42).nextBytes(payload);
        byte[] back = (byte[]) i.call("echo-bytes", (Object) payload);
        for (int k = 0; k < payload.length; k++) {
            if (back[k] != payload[payload.length - 1 - k]) {
                throw new AssertionError("byte " + k + " differs");
            }
        }
        // one realloc for the argument, one for the host's result
        assertEquals(2L, i.call("allocs"));
        assertArrayEquals(new byte[0], (byte[]) i.call("echo-bytes", (Object) new byte[0]));
        assertEquals(4L, i.call("allocs"), "empty lists are allocated too");
    }

    @Test
    void aUtf16GuestPassesNonBmpTextBothWays() throws IOException {
        ComponentInstance i = instantiate();
        assertEquals("HÉLLO 😀 WÖRLD", i.call("shout16", "héllo 😀 wörld"));
        assertEquals(List.of("héllo 😀 wörld"), shouted);
        // each direction: worst case 2 x 18 UTF-8 bytes, then shrunk to 28 bytes of UTF-16
        assertEquals(4L, i.call("allocs"));
    }
}
