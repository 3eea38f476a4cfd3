package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasmApp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A guest's request to its own app is served on the guest's own worker, so it never waits for a
 * worker its caller holds (issue 9 item 9): real guests, real sockets, the real trigger.
 */
@Timeout(180)
class SelfRequestTest {

    private static HttpTriggerOptions options(int workers, Duration timeout) {
        var d = HttpTriggerOptions.defaults();
        return d.withConcurrency(workers, d.queueLength()).withLimits(d.maxBodyBytes(), d.maxHeaderBytes(), timeout);
    }

    private static LockedApp allowingEverything(LockedApp app) {
        List<LockedComponent> components = app.components().stream().map(c -> {
            Map<String, Object> metadata = new HashMap<>(c.metadata());
            metadata.put("allowed_http_hosts", List.of("insecure:allow-all"));
            return new LockedComponent(c.id(), metadata, c.source(), c.env(), c.files(), c.config());
        }).toList();
        return new LockedApp(app.spinLockVersion(), app.metadata(), app.variables(), app.triggers(), components);
    }

    @Test
    void kvCounterExampleAnswers32ConcurrentClientsWithTheDefaultWorkers() throws Exception {
        LockedApp app = AppLoader.load(Path.of("../examples/kv-counter-c/spin.toml"), Files.createTempDirectory("spinj-kv-counter-"),
                new AppLoader.Options(false, Map.of()));
        try (RunningApp running = RunningApp.start(WasmApp.builder(app).build(), HttpTriggerOptions.defaults())) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(running.sendAsync("/count", Duration.ofSeconds(60)));
            }
            for (var answer : answers) {
                HttpResponse<String> response = answer.join();
                assertEquals(200, response.statusCode(), response::body);
                assertTrue(response.body().endsWith("The other component says: hello!\n"), response.body());
            }
        }
    }

    @Test
    void relativeAndOriginUrlsAreServedWhileTheCallerHoldsTheOnlyWorker() throws Exception {
        try (RunningApp app = RunningApp.start(WasmApp.builder(allowingEverything(RunningApp.lock("host-probe"))).build(),
                options(1, Duration.ofSeconds(10)))) {
            HttpResponse<String> relative = app.post("/a/http", "0\t/b/hello");
            assertEquals("ok 200\ncontent-type: text/plain\nx-probe: two\ncontent-length: 12\n\nhello from b", relative.body());
            String origin = "http://127.0.0.1:" + app.url("/").getPort();
            HttpResponse<String> explicit = app.post("/b/http", "0\t" + origin + "/a/hello");
            assertEquals("ok 200\ncontent-type: text/plain\nx-probe: two\ncontent-length: 12\n\nhello from a", explicit.body());
            HttpResponse<String> localhost = app.post("/b/http", "0\thttp://localhost:" + app.url("/").getPort() + "/a/hello");
            assertTrue(localhost.body().endsWith("hello from a"), localhost.body());
        }
    }

    /** A probe script making {@code depth} requests to the app, each one inside the previous one. */
    private static String nested(int depth) {
        return depth == 1 ? "0\t/a/hello" : "1\t/a/http\n\n" + nested(depth - 1);
    }

    @Test
    void selfRequestsNestedDeeperThanTheLimitGet508InsteadOfOverflowingTheStack() throws Exception {
        try (RunningApp app = RunningApp.start(WasmApp.builder(RunningApp.lock("host-probe")).build(),
                options(1, Duration.ofSeconds(30)))) {
            String deepest = app.post("/a/http", nested(16)).body();
            assertTrue(deepest.endsWith("hello from a"), deepest);
            assertFalse(deepest.contains("ok 508"), deepest);
            String tooDeep = app.post("/a/http", nested(17)).body();
            assertTrue(tooDeep.endsWith("ok 508\ncontent-type: text/plain\ncontent-length: 62\n\n"
                    + "Loop Detected: more than 16 nested requests to the app itself\n"), tooDeep);
        }
    }

    @Test
    void selfRequestArrivesAsFromALoopbackClientWithoutTheGuestsSpinOrFramingHeaders() throws Exception {
        try (RunningApp app = RunningApp.start(WasmApp.builder(RunningApp.lock("self-request")).build(), HttpTriggerOptions.defaults())) {
            int port = app.url("/").getPort();
            String out = app.post("/probe/http", String.join("\n", "1\t/echo/x?q=1", "spin-client-addr\t6.6.6.6:66",
                    "transfer-encoding\tchunked", "x-custom\tyes", "", "hi")).body();
            assertEquals("""
                    ok 200
                    content-type: text/plain
                    content-length: 309

                    method=1
                    uri=/echo/x?q=1
                    params=0
                    body-len=2
                    x-custom: yes
                    host: 127.0.0.1:%1$d
                    content-length: 2
                    spin-path-info: /x
                    spin-full-url: http://127.0.0.1:%1$d/echo/x?q=1
                    spin-matched-route: /echo/...
                    spin-base-path: /
                    spin-raw-component-route: /echo/...
                    spin-component-route: /echo
                    spin-client-addr: 127.0.0.1:0
                    """.formatted(port), out);
        }
    }

    @Test
    void selfRequestEndsWithItsCallersDeadline() throws Exception {
        try (RunningApp app = RunningApp.start(WasmApp.builder(RunningApp.lock("self-request")).build(),
                options(HttpTriggerOptions.defaultWorkers(), Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            HttpResponse<String> response = app.post("/probe/http", "0\t/loop");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, response.statusCode(), response::body);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered after " + took);
            assertEquals(200, app.post("/echo/after", "").statusCode());
        }
    }
}
