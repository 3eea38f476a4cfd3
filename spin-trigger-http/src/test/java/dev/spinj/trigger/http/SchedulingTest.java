package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.wasm.WasmApp;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who gets a worker (issue 9, items 7 and 10): runaway guests of one component leave the other
 * components a worker, the host answers health without a worker, requests whose clients went away
 * stop, and the bodies of waiting requests are capped. {@code /a/...} is component probe-a,
 * {@code /b/...} probe-b; {@code /loop} spins until the deadline interrupts it.
 */
@Timeout(120)
class SchedulingTest {
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RunningApp start(HttpTriggerOptions options) throws Exception {
        return RunningApp.start(WasmApp.builder(RunningApp.lock("abi-probe")).build(), options);
    }

    private static HttpTriggerOptions withTimeout(HttpTriggerOptions options, Duration timeout) {
        return options.withLimits(options.maxBodyBytes(), options.maxHeaderBytes(), timeout);
    }

    /** Waits until the server holds {@code expected} requests (running or waiting for a worker). */
    private static void awaitCount(String what, IntSupplier count, int expected) throws InterruptedException {
        long end = System.nanoTime() + AWAIT.toNanos();
        while (count.getAsInt() != expected) {
            assertTrue(System.nanoTime() < end, what + ": " + count.getAsInt() + ", expected " + expected);
            Thread.sleep(10);
        }
    }

    private static List<CompletableFuture<HttpResponse<String>>> loops(RunningApp app, int n) {
        List<CompletableFuture<HttpResponse<String>>> loops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            loops.add(app.sendAsync("/a/loop", Duration.ofSeconds(90)));
        }
        return loops;
    }

    /** Sends a request over a raw socket and leaves without reading the answer. */
    private static void sendAndHangUp(RunningApp app, String path, Runnable whileConnected) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.address().getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            whileConnected.run();
        }
    }

    @Test
    void anOrdinaryRequestIsAnsweredWithinASecondWhileEightRunawaysOfAnotherComponentBurnToTheirTimeout()
            throws Exception {
        HttpTriggerOptions options = withTimeout(HttpTriggerOptions.defaults(), Duration.ofSeconds(2));
        try (RunningApp app = start(options)) {
            var runaways = loops(app, 8);
            awaitCount("requests held", () -> app.trigger().workers().pending(), 8);

            long started = System.nanoTime();
            HttpResponse<String> ordinary = app.get("/b/flavour");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(200, ordinary.statusCode());
            assertEquals("b", ordinary.body());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "the ordinary request took " + took);

            for (var runaway : runaways) {
                assertEquals(503, runaway.join().statusCode(), "a runaway ends at its deadline");
            }
        }
    }

    @Test
    void healthAndInfoAreAnsweredWhileEveryWorkerRunsARunawayAndTheQueueIsFull() throws Exception {
        HttpTriggerOptions options = withTimeout(HttpTriggerOptions.defaults().withConcurrency(1, 1), Duration.ofSeconds(3));
        try (RunningApp app = start(options)) {
            var runaways = loops(app, 2);
            awaitCount("requests held", () -> app.trigger().workers().pending(), 2);

            long started = System.nanoTime();
            HttpResponse<String> health = app.get("/.well-known/spin/health");
            HttpResponse<String> info = app.get("/.well-known/spin/info");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(200, health.statusCode());
            assertEquals("OK", health.body());
            assertEquals(200, info.statusCode());
            assertTrue(info.body().contains("\"abi-probe\""), info.body());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "health and info took " + took);
            assertEquals(404, app.get("/nowhere").statusCode(), "no route is answered without a worker too");

            for (var runaway : runaways) {
                assertEquals(503, runaway.join().statusCode());
            }
        }
    }

    @Test
    void aRequestWhoseClientWentAwayWhileItWaitedNeverRuns() throws Exception {
        HttpTriggerOptions options = withTimeout(HttpTriggerOptions.defaults().withConcurrency(1, 8), Duration.ofSeconds(2));
        try (RunningApp app = start(options)) {
            var runaway = loops(app, 1).get(0);
            awaitCount("requests held", () -> app.trigger().workers().pending(), 1);
            sendAndHangUp(app, "/b/stdio", () -> {
                try {
                    awaitCount("requests held", () -> app.trigger().workers().pending(), 2);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            awaitCount("requests held after the client left", () -> app.trigger().workers().pending(), 1);
            assertEquals(503, runaway.join().statusCode());

            // The one worker serves in order: had the abandoned request run, it would have logged first.
            assertEquals("logged", app.get("/b/stdio").body());
            String stdout = Files.readString(app.logDir.resolve("probe-b_stdout.txt"));
            assertEquals(1, stdout.split("to-stdout", -1).length - 1, "stdout of probe-b:\n" + stdout);
        }
    }

    @Test
    void aRunningGuestWhoseClientWentAwayIsInterruptedAndFreesItsWorker() throws Exception {
        HttpTriggerOptions options = withTimeout(HttpTriggerOptions.defaults().withConcurrency(1, 8), Duration.ofSeconds(60));
        try (RunningApp app = start(options)) {
            sendAndHangUp(app, "/a/loop", () -> {
                try {
                    awaitCount("requests running", () -> app.trigger().workers().running(), 1);
                    Thread.sleep(200); // let the guest get going
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            long started = System.nanoTime();
            HttpResponse<String> next = app.get("/b/flavour");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(200, next.statusCode());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the only worker came back after " + took);
        }
    }

    @Test
    void waitingBodiesBeyondTheCapAreRefusedWith503AndRetryAfter() throws Exception {
        int body = 256 << 10;
        HttpTriggerOptions options = withTimeout(HttpTriggerOptions.defaults().withConcurrency(1, 1024), Duration.ofSeconds(8))
                .withScheduling(0, 4L * body);
        try (RunningApp app = start(options)) {
            var runaway = loops(app, 1).get(0);
            awaitCount("requests running", () -> app.trigger().workers().running(), 1);

            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                flood.add(CLIENT.sendAsync(HttpRequest.newBuilder(app.url("/b/body"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[body])).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int served = 0;
            int refused = 0;
            for (var response : flood) {
                HttpResponse<String> r = response.join();
                if (r.statusCode() == 200) {
                    assertEquals(body, r.body().length());
                    served++;
                } else {
                    assertEquals(503, r.statusCode());
                    assertEquals(Optional.of("1"), r.headers().firstValue("retry-after"));
                    refused++;
                }
            }
            assertEquals(4, served, "bodies that fit the cap wait their turn");
            assertEquals(8, refused);
            assertEquals(503, runaway.join().statusCode());
            assertEquals(200, app.get("/b/flavour").statusCode());
        }
    }

    @Test
    void aComponentAloneInItsAppMayUseEveryWorker() throws Exception {
        LockedApp probes = RunningApp.lock("abi-probe");
        var onlyA = new LockedApp(probes.spinLockVersion(), probes.metadata(), probes.variables(),
                probes.triggers().stream().filter(t -> t.triggerConfig().path("component").asText().equals("probe-a")).toList(),
                probes.components().stream().filter(c -> c.id().equals("probe-a")).toList());
        HttpTriggerOptions options = withTimeout(HttpTriggerOptions.defaults().withConcurrency(2, 8), Duration.ofSeconds(2));
        try (RunningApp app = RunningApp.start(WasmApp.builder(onlyA).build(), options)) {
            var runaways = loops(app, 2);
            awaitCount("requests running", () -> app.trigger().workers().running(), 2);
            for (var runaway : runaways) {
                assertEquals(503, runaway.join().statusCode());
            }
        }
    }
}
