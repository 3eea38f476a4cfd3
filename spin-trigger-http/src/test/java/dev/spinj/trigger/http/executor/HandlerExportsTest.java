package dev.spinj.trigger.http.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.ComponentLoadException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The handler a Spin 2+ guest's exports call for, and Spin's startup errors when there is not exactly one (SPEC2 §1.4). */
class HandlerExportsTest {

    @Test
    void anyWasiHttp02PatchIsTheHandler() throws ComponentLoadException {
        assertEquals("wasi:http/incoming-handler@0.2.3",
                HandlerExports.wasiHttp("c", Set.of("wasi:http/incoming-handler@0.2.3", "wasi:cli/run@0.2.0")));
    }

    @Test
    void anRc2023NameIsTheHandler() throws ComponentLoadException {
        assertEquals("wasi:http/incoming-handler@0.2.0-rc-2023-11-10",
                HandlerExports.wasiHttp("c", Set.of("wasi:http/incoming-handler@0.2.0-rc-2023-11-10")));
    }

    @Test
    void noHandlerFailsWithSpinsMessageNamingTheComponent() {
        var e = assertThrows(ComponentLoadException.class, () -> HandlerExports.wasiHttp("c", Set.of("wasi:cli/run@0.2.0")));
        assertEquals("Component 'c': " + HandlerExports.NONE, e.getMessage());
        assertTrue(e.getMessage().contains("but it exported none of those. This may mean"), e.getMessage());
    }

    @Test
    void onlyTheP3HandlerFailsWithSpinsMessage() {
        var e = assertThrows(ComponentLoadException.class,
                () -> HandlerExports.wasiHttp("c", Set.of("wasi:http/handler@0.3.0-rc-2026-03-15")));
        assertEquals("Component 'c': " + HandlerExports.NONE, e.getMessage());
    }

    @Test
    void twoKindsOfHandlerFailWithSpinsMessage() {
        var e = assertThrows(ComponentLoadException.class, () -> HandlerExports.wasiHttp("c",
                Set.of("wasi:http/incoming-handler@0.2.0", "wasi:http/incoming-handler@0.2.0-rc-2023-10-18")));
        assertEquals("Component 'c': " + HandlerExports.MULTIPLE, e.getMessage());
    }
}
