package dev.spinj.wasm.wasi.p2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.WasiInvocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guests of Spin 2.0 and 2.1 (wasi-2023-10-18.wat, wasi-2023-11-10.wat) on the same host as
 * 0.2.x guests: each release candidate's shapes are served under its exact names.
 */
@Timeout(60)
class WasiReleaseCandidatesTest {
    private static final long MILLIS = 1_000_000L;

    private final WasiP2Host host = new WasiP2Host(WasiP2Host.Config.of(Map.of()));
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final List<InstanceInContext> instances = new ArrayList<>();

    private InstanceInContext instantiate(String guest, byte[] stdin, OutputStream out) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wasip2/" + guest + ".wasm")) {
            LinkedComponent linked = host.addTo(new Linker()).link(ComponentParser.parse(in.readAllBytes()), guest);
            InstanceInContext i = InstanceInContext.instantiate(linked, guest,
                    new WasiInvocation(List.of(), Map.of(), stdin, out, OutputStream.nullOutputStream()));
            instances.add(i);
            return i;
        }
    }

    private InstanceInContext rc1018(byte[] stdin) throws IOException {
        return instantiate("wasi-2023-10-18", stdin, stdout);
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(i -> i.context().close());
    }

    @Test
    void a20231018GuestWritesToStdout() throws IOException {
        assertEquals("ok", rc1018(new byte[0]).call("print", "hello 2.0"));
        assertEquals("hello 2.0", stdout.toString(UTF_8));
    }

    @Test
    void a20231018GuestReadsAFailuresDebugStringThroughTheStreamsError() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertEquals("stdout: disk full", instantiate("wasi-2023-10-18", new byte[0], broken).call("print", "x"));
    }

    @Test
    void pollListWaitsForARelativeTimer() throws IOException {
        InstanceInContext i = rc1018(new byte[0]);
        long start = System.nanoTime();
        assertEquals(List.of(0L), i.call("poll-timer", 50 * MILLIS));
        assertTrue(System.nanoTime() - start >= 50 * MILLIS, "poll-list waited for the timer");
    }

    @Test
    void pollOneWaitsForAnAbsoluteTimer() throws IOException {
        InstanceInContext i = rc1018(new byte[0]);
        long start = System.nanoTime();
        i.call("block-until", 50 * MILLIS);
        assertTrue(System.nanoTime() - start >= 50 * MILLIS, "poll-one waited for the instant");
    }

    @Test
    void spliceTakesTheSourceAndReleasesItAfterwards() throws IOException {
        InstanceInContext i = rc1018("piped".getBytes(UTF_8));
        assertEquals(5L, i.call("splice-stdin", 100L));
        assertEquals("piped", stdout.toString(UTF_8));
        assertEquals(0, i.inside(host::liveResources), "the moved stdin stream is gone with the call");
    }

    @Test
    void forwardTrapsAsInSpin() throws IOException {
        InstanceInContext i = rc1018(new byte[0]);
        TrapException t = assertThrows(TrapException.class, () -> i.call("forward"));
        assertTrue(t.getMessage().contains("output-stream.forward: the forward API is no longer supported"), t.getMessage());
    }

    @Test
    void a20231110GuestWritesToStdoutAndWaitsOnATimer() throws IOException {
        InstanceInContext i = instantiate("wasi-2023-11-10", new byte[0], stdout);
        assertEquals((byte) 0, ((Number) i.call("print", "hello 2.1")).byteValue());
        assertEquals("hello 2.1", stdout.toString(UTF_8));
        assertEquals(true, i.call("block-on-timer", 10 * MILLIS));
    }
}
