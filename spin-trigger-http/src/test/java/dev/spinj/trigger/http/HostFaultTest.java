package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.stdio.ComponentLogs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fault of the host while a request runs (issue 9, item 13): the client gets a 500, the trace is
 * logged once with component and route, and the same worker serves the next request.
 */
@Timeout(60)
class HostFaultTest {
    private static final String FAULT = "no memory left for component output (test fault)";

    /** Component output that fails as a host bug would: an Error out of the WASI {@code fd_write} host call. */
    private static final PrintStream FAILING_STDOUT = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            throw new OutOfMemoryError(FAULT);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            throw new OutOfMemoryError(FAULT);
        }
    });

    @Test
    void anErrorThrownFromAHostCallIsA500WithOneLoggedTraceAndTheWorkerServesOn() throws Exception {
        var logs = new ComponentLogs(null, false, Set.of(), FAILING_STDOUT, new PrintStream(OutputStream.nullOutputStream()));
        var wasm = WasmApp.builder(RunningApp.lock("abi-probe")).build();
        PrintStream originalErr = System.err;
        var captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8)); // where slf4j-simple logs
        try (RunningApp app = RunningApp.start(wasm, logs, HttpTriggerOptions.defaults().withConcurrency(1, 8))) {
            assertEquals(500, app.get("/a/stdio").statusCode(), "the guest's write to stdout hit the host fault");
            assertEquals(200, app.get("/a/flavour").statusCode(), "the only worker serves on");
            assertEquals(500, app.get("/a/stdio").statusCode());
        } finally {
            System.setErr(originalErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, occurrences(log, "java.lang.OutOfMemoryError: " + FAULT), "one trace per failed request:\n" + log);
        assertEquals(2, occurrences(log, "component probe-a (route /a/...)"), log);
        assertTrue(log.contains("\tat "), "the stack trace is logged:\n" + log);
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
