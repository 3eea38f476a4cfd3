package dev.spinj.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.dylibso.chicory.runtime.HostFunction;
import dev.spinj.wasm.WasiInvocation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A WASI context goes to the next instance only when no guest could have changed it. */
class WasiContextsTest {
    private final OutputStream out = new ByteArrayOutputStream();
    private final WasiInvocation spin = WasiInvocation.spin(out, out);

    private static HostFunction function(WasiContext context, String name) {
        return Arrays.stream(context.functions()).filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void untouchedSpinContextIsReused() throws Exception {
        try (WasiContexts contexts = new WasiContexts(Map.of("K", "V"), List.of(), false)) {
            WasiContext first = contexts.acquire(spin);
            contexts.release(first);
            assertSame(first, contexts.acquire(spin));
        }
    }

    @Test
    void contextWhoseDescriptorTableAGuestTouchedIsNotReused() throws Exception {
        try (WasiContexts contexts = new WasiContexts(Map.of(), List.of(), false)) {
            WasiContext first = contexts.acquire(spin);
            function(first, "fd_close").handle().apply(null, 99); // EBADF, but the table might have changed
            contexts.release(first);
            assertNotSame(first, contexts.acquire(spin));
        }
    }

    @Test
    void contextIsReusedAcrossInvocationsWithDifferentArgumentsAndStdio() throws Exception {
        var wagi = new WasiInvocation(List.of("/x", "a=1"), Map.of("REQUEST_METHOD", "GET"), "body".getBytes(),
                new ByteArrayOutputStream(), out);
        try (WasiContexts contexts = new WasiContexts(Map.of("K", "V"), List.of(), false)) {
            WasiContext first = contexts.acquire(spin);
            contexts.release(first);
            assertSame(first, contexts.acquire(wagi));
        }
    }
}
