package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --max-response-body} caps what a guest may answer: a WAGI guest writing stdout forever is
 * stopped at the cap and answered 500 long before the request timeout (issue 9.7), and a Spin
 * guest's larger body is a 500 too.
 */
@Timeout(120)
class ResponseBodyLimitTest {
    private static final Duration BACKSTOP = Duration.ofSeconds(20);

    @Test
    void wagiGuestFloodingStdoutIsStoppedAtTheCapWith500AndTheNextRequestIsServed() throws Exception {
        var options = HttpTriggerOptions.defaults()
                .withLimits(HttpTriggerOptions.DEFAULT_MAX_BODY, HttpTriggerOptions.DEFAULT_MAX_HEADER, BACKSTOP)
                .withMaxResponseBody(1 << 20);
        var wasm = WasmApp.builder(WasiProbeApp.create().lockDirect()).build();
        try (RunningApp app = RunningApp.start(wasm, options)) {
            long start = System.nanoTime();
            var response = app.get("/?mode=flood");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(500, response.statusCode());
            // a 503 after the backstop would mean the guest ran until the request timeout
            assertTrue(took.compareTo(BACKSTOP) < 0, "took " + took);
            assertEquals("read: inside\n", app.get("/?mode=read&path=/inside.txt").body());
        }
    }

    @Test
    void wagiOutputWithinTheCapIsServed() throws Exception {
        var wasm = WasmApp.builder(WasiProbeApp.create().lockDirect()).build();
        try (RunningApp app = RunningApp.start(wasm, HttpTriggerOptions.defaults().withMaxResponseBody(64))) {
            assertEquals("read: inside\n", app.get("/?mode=read&path=/inside.txt").body());
        }
    }

    @Test
    void spinGuestBodyAboveTheCapIs500() throws Exception {
        var wasm = WasmApp.builder(RunningApp.lock("abi-probe")).build();
        try (RunningApp app = RunningApp.start(wasm, HttpTriggerOptions.defaults().withMaxResponseBody(8))) {
            var response = app.get("/a/read-file");
            assertEquals(500, response.statusCode(), response.body());
            assertEquals("", response.body());
        }
    }
}
