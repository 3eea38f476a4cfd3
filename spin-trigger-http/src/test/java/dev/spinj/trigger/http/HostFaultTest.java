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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // where slf4j-simple logs
    }

    @AfterEach
    void restoreLog() {
        System.setErr(originalErr);
    }

    @Test
    void anErrorThrownFromAHostCallIsA500WithOneLoggedTraceAndTheWorkerServesOn() throws Exception {
        var logs = new ComponentLogs(null, false, Set.of(), FAILING_STDOUT, new PrintStream(OutputStream.nullOutputStream()));
        var wasm = WasmApp.builder(RunningApp.lock("abi-probe")).build();
        try (RunningApp app = RunningApp.start(wasm, logs, HttpTriggerOptions.defaults().withConcurrency(1, 8))) {
            assertEquals(500, app.get("/a/stdio").statusCode(), "the guest's write to stdout hit the host fault");
            assertEquals(200, app.get("/a/flavour").statusCode(), "the only worker serves on");
            assertEquals(500, app.get("/a/stdio").statusCode());
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(2, occurrences(text, "java.lang.OutOfMemoryError: " + FAULT), "one trace per failed request:\n" + text);
        assertEquals(2, occurrences(text, "component probe-a (route /a/...)"), text);
        assertTrue(text.contains("\tat "), "the stack trace is logged:\n" + text);
    }

    @Test
    void aResponseThatCannotBeWrittenIsA500WithOneLoggedTrace() throws Exception {
        try (RunningApp app = RunningApp.start("dual-executor")) {
            // The guest's header value starts with a space: Netty refuses to send it.
            assertEquals(500, app.get("/bad-header").statusCode());
            assertEquals(200, app.get("/spin").statusCode());
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, occurrences(text, "Validation failed for header 'x-bad'"), text);
        assertEquals(1, occurrences(text, "component dual (route /bad-header)"), text);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
