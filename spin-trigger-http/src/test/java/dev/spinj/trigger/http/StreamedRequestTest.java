package dev.spinj.trigger.http;

import static dev.spinj.trigger.http.StandInGuest.await;
import static dev.spinj.trigger.http.StandInGuest.read;
import static dev.spinj.trigger.http.StandInGuest.readAll;
import static dev.spinj.trigger.http.StandInGuest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.io.ByteSink;
import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Request bodies streamed to the guest as they arrive, over the real Netty server and raw loopback
 * sockets, with test code standing in for the guest ({@link StandInGuest}).
 */
@Timeout(120)
class StreamedRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Answers with the body it read, then {@code |} and the request's trailers. */
    private static final StandInGuest ECHO = (match, head, body, response) -> {
        String read = new String(readAll(body), StandardCharsets.UTF_8);
        ByteSink sink = response.respond(200, List.of(), -1);
        write(sink, read + "|" + body.trailers());
        sink.finish(List.of());
    };

    private static HttpTriggerOptions maxBody(int bytes) {
        var d = HttpTriggerOptions.defaults();
        return d.withLimits(bytes, d.maxHeaderBytes(), d.requestTimeout());
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    @Test
    void theGuestReadsTheBodyBeforeItEnds() throws Exception {
        var earlyRead = new CountDownLatch(1);
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteBuffer early = read(body, 1024);
                    earlyRead.countDown();
                    String rest = new String(readAll(body), StandardCharsets.UTF_8);
                    ByteSink sink = response.respond(200, List.of(), -1);
                    write(sink, StandardCharsets.UTF_8.decode(early) + "+" + rest + "|" + body.trailers());
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk("early"));
            await(earlyRead, "the guest's first read");
            client.send(chunk("late") + "0\r\nx-sum: 9\r\n\r\n");
            client.readHead(WAIT);
            assertEquals("early+late|[Header[name=x-sum, value=9]]", new String(client.readChunkedBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChunkedBodyOverTheLimitFailsTheGuestsReadAndIsAnswered413() throws Exception {
        var readFailure = new CompletableFuture<String>();
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    try {
                        readAll(body);
                        readFailure.complete("no failure");
                    } catch (IOException e) {
                        readFailure.complete(e.getMessage());
                    }
                }, maxBody(1024));
                var client = server.connect()) {
            client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk("x".repeat(1000)) + chunk("y".repeat(1000)) + "0\r\n\r\n");
            assertEquals(413, client.read(WAIT).status());
            assertTrue(readFailure.get().contains("--max-request-body"), readFailure.get());
            assertEquals("whole:0", client.send("GET /whole HTTP/1.1\r\nHost: h\r\n\r\n").read(WAIT).body());
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnswered413WithoutRunningTheGuest() throws Exception {
        var ran = new AtomicLong();
        try (var server = StreamingServer.start((match, head, body, response) -> ran.incrementAndGet(), maxBody(1024));
                var client = server.connect()) {
            client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nContent-Length: 2000\r\n\r\n" + "z".repeat(2000));
            assertEquals(413, client.read(WAIT).status());
            assertEquals("whole:0", client.send("GET /whole HTTP/1.1\r\nHost: h\r\n\r\n").read(WAIT).body());
        }
        assertEquals(0, ran.get());
    }

    @Test
    void aGuestThatAnswersWithoutReadingItsBodyLeavesTheConnectionServingTheNextRequest() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(), 7);
                    write(sink, "ignored");
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nContent-Length: 10000\r\n\r\n" + "b".repeat(10000));
            assertEquals("ignored", client.read(WAIT).body());
            assertEquals("whole:0", client.send("GET /whole HTTP/1.1\r\nHost: h\r\n\r\n").read(WAIT).body());
        }
    }

    @Test
    void aClientExpecting100ContinueGetsItThenSendsTheBody() throws Exception {
        try (var server = StreamingServer.start(ECHO); var client = server.connect()) {
            client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, client.readHead(WAIT).status());
            client.send("data");
            client.readHead(WAIT);
            assertEquals("data|[]", new String(client.readChunkedBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void wholeRoutesStillGetTheWholeBody() throws Exception {
        try (var server = StreamingServer.start(ECHO); var client = server.connect()) {
            client.send("POST /whole HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk("abc") + chunk("defg") + "0\r\n\r\n");
            assertEquals("whole:7", client.read(WAIT).body());
        }
    }

    @Test
    void aStalledStreamedBodyIsClosedAfterTheIdleTimeoutAndTheWaitingGuestIsStopped() throws Exception {
        var d = HttpTriggerOptions.defaults();
        var options = d.withConnectionLimits(d.headerReadTimeout(), Duration.ofMillis(500), d.maxConnections());
        var stopped = new CompletableFuture<Exception>();
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    try {
                        readAll(body);
                    } catch (IOException | InterruptedException e) {
                        // the body source fails, or the worker is interrupted as its client left: whichever comes first
                        stopped.complete(e);
                    }
                }, options);
                var client = server.connect()) {
            client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part");
            assertTrue(client.closedByServerWithin(WAIT));
            assertTrue(stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS) != null);
        }
    }

    @Test
    void aHundredMegabyteBodyStreamsToTheGuestWithHeapGrowthUnder64MiB() throws Exception {
        long total = 100L << 20;
        var heap = ManagementFactory.getMemoryMXBean();
        var maxGrowth = new AtomicLong();
        var received = new AtomicLong();
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    System.gc();
                    long baseline = heap.getHeapMemoryUsage().getUsed();
                    long nextSample = 0;
                    for (ByteBuffer got = read(body, 64 * 1024); got != ByteSource.END; got = read(body, 64 * 1024)) {
                        received.addAndGet(got.remaining());
                        if (received.get() >= nextSample) {
                            System.gc();
                            maxGrowth.accumulateAndGet(heap.getHeapMemoryUsage().getUsed() - baseline, Math::max);
                            nextSample += 8L << 20;
                        }
                    }
                    ByteSink sink = response.respond(204, List.of(), -1);
                    sink.finish(List.of());
                }, maxBody(Integer.MAX_VALUE));
                var client = server.connect()) {
            var upload = CompletableFuture.runAsync(() -> {
                try {
                    client.send("POST /stream/x HTTP/1.1\r\nHost: h\r\nContent-Length: " + total + "\r\n\r\n");
                    byte[] part = new byte[1 << 20];
                    for (long sent = 0; sent < total; sent += part.length) {
                        client.send(part);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(204, client.read(WAIT).status());
            upload.join();
        }
        assertEquals(total, received.get());
        assertTrue(maxGrowth.get() < 64L << 20, "heap grew by " + (maxGrowth.get() >> 20) + " MiB");
    }
}
