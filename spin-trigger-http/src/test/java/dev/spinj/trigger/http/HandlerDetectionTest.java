package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.ComponentLoadException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The executor is chosen from a component's exports at startup (SPEC2 §1.4): no handler fails then, not per request. */
@Timeout(60)
class HandlerDetectionTest {

    @Test
    void aComponentWithoutAnHttpHandlerFailsStartupWithSpinsMessage() {
        var e = assertThrows(ComponentLoadException.class,
                () -> RunningApp.trigger("no-handler", Files.createTempDirectory("spinj-logs-")));
        assertTrue(e.getMessage().startsWith("Component 'empty': Expected component to export one of "
                + "`wasi:http/incoming-handler@0.2.0-rc-2023-10-18`"), e.getMessage());
    }
}
