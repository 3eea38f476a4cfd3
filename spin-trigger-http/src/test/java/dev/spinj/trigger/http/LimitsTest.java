package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The limits that keep the server up when guests misbehave or load exceeds capacity (issue 5). */
@Timeout(120)
class LimitsTest {

    private static RunningApp start(HttpTriggerOptions options, long maxInstanceMemory) throws Exception {
        var wasm = WasmApp.builder(RunningApp.lock("abi-probe")).withMaxInstanceMemory(maxInstanceMemory).build();
        return RunningApp.start(wasm, options);
    }

    private static HttpTriggerOptions withTimeout(Duration timeout) {
        var d = HttpTriggerOptions.defaults();
        return d.withLimits(d.maxBodyBytes(), d.maxHeaderBytes(), timeout);
    }

    @Test
    void guestLoopingForeverIsAnsweredWithinTheTimeoutPlusOneSecondAndTheNextRequestIsServed() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (RunningApp app = start(withTimeout(timeout), 64L << 20)) {
            HttpResponse<String> looped = app.sendAsync("/a/loop", timeout.plusSeconds(1)).join();
            assertEquals(503, looped.statusCode());
            assertEquals(200, app.get("/a/flavour").statusCode());
        }
    }

    @Test
    void guestGrowingMemoryWithoutEndGets500AtTheInstanceLimitAndTheNextRequestIsServed() throws Exception {
        try (RunningApp app = start(HttpTriggerOptions.defaults(), 16L << 20)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(500, app.get("/a/grow").statusCode());
            }
            assertEquals(200, app.get("/a/flavour").statusCode());
        }
    }

    @Test
    void bodyOverTheLimitGets413() throws Exception {
        var d = HttpTriggerOptions.defaults();
        try (RunningApp app = start(d.withLimits(1024, d.maxHeaderBytes(), d.requestTimeout()), 64L << 20)) {
            var response = app.send(HttpRequest.newBuilder(app.url("/a/body"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])));
            assertEquals(413, response.statusCode());
            assertEquals(200, app.get("/a/flavour").statusCode());
        }
    }

    @Test
    void headersOverTheLimitGet431() throws Exception {
        var d = HttpTriggerOptions.defaults();
        try (RunningApp app = start(d.withLimits(d.maxBodyBytes(), 1024, d.requestTimeout()), 64L << 20)) {
            var response = app.send(HttpRequest.newBuilder(app.url("/a/flavour")).header("x-big", "v".repeat(4096)));
            assertEquals(431, response.statusCode());
            assertEquals(200, app.get("/a/flavour").statusCode());
        }
    }

    @Test
    void whenEveryWorkerIsBusyAndTheQueueIsFullRequestsGet503WithRetryAfterAndWorkersComeBack() throws Exception {
        var options = withTimeout(Duration.ofMillis(800)).withConcurrency(1, 1);
        try (RunningApp app = start(options, 64L << 20)) {
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                slow.add(app.sendAsync("/a/loop", Duration.ofSeconds(30)));
            }
            int overloaded = 0;
            for (var future : slow) {
                HttpResponse<String> response = future.join();
                assertEquals(503, response.statusCode());
                if (response.headers().firstValue("retry-after").equals(Optional.of("1"))) {
                    overloaded++;
                }
            }
            // one request runs and one waits; the rest are refused at once instead of queueing
            assertTrue(overloaded >= 4, "refused with Retry-After: " + overloaded);
            assertEquals(200, app.get("/a/flavour").statusCode());
        }
    }
}
