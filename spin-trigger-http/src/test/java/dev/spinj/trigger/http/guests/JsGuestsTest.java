package dev.spinj.trigger.http.guests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES) // a cold build: npm ci + j2w
final class JsGuestsTest {
    /** The component binary's preamble: magic, version 0x0d, layer 1. */
    private static final byte[] COMPONENT_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    @Test
    void buildYieldsAComponent() throws Exception {
        Path wasm = JsGuests.build("acceptance");
        try (InputStream in = Files.newInputStream(wasm)) {
            assertArrayEquals(COMPONENT_PREAMBLE, in.readNBytes(8));
        }
    }

    @Test
    void unchangedSourcesReuseTheBuiltComponent() throws Exception {
        Path first = JsGuests.build("acceptance");
        FileTime built = Files.getLastModifiedTime(first);
        Path second = JsGuests.build("acceptance");
        assertEquals(first, second);
        assertEquals(built, Files.getLastModifiedTime(second));
    }

    @Test
    void missingNodeFailsTheBuildSayingSo(@TempDir Path out) {
        Path sources = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/test/js");
        JsGuests withoutNode = new JsGuests(sources, out, Map.of("PATH", out.toString()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> withoutNode.component("acceptance"));
        assertTrue(e.getMessage().contains("node is not on PATH: install Node.js 18+ with npm"), e.getMessage());
        assertTrue(e.getMessage().contains("building JS guest `acceptance` failed (exit 3)"), e.getMessage());
    }

    @Test
    void unknownAppIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsGuests.build("no-such-app"));
        assertTrue(e.getMessage().startsWith("no JS guest `no-such-app`"), e.getMessage());
    }
}
