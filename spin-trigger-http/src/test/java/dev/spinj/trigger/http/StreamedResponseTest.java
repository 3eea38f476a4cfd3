package dev.spinj.trigger.http;

import static dev.spinj.trigger.http.StandInGuest.await;
import static dev.spinj.trigger.http.StandInGuest.awaitWritable;
import static dev.spinj.trigger.http.StandInGuest.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Responses streamed as the guest writes them, over the real Netty server and raw loopback sockets,
 * with test code standing in for the guest ({@link StandInGuest}).
 */
@Timeout(120)
class StreamedResponseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GET = "GET /stream/x HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void theFirstChunkReachesTheClientBeforeTheGuestFinishes() throws Exception {
        var firstSeen = new CountDownLatch(1);
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(new Header("content-type", "text/plain")), -1);
                    write(sink, "first");
                    await(firstSeen, "the client's first chunk");
                    write(sink, "second");
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            RawConnection.Response head = client.send(GET).readHead(WAIT);
            assertEquals(200, head.status());
            assertEquals("chunked", head.header("transfer-encoding"));
            assertEquals("text/plain", head.header("content-type"));
            assertEquals("first", text(client.readChunk()));
            firstSeen.countDown();
            assertEquals("second", text(client.readChunk()));
            assertNull(client.readChunk());
        }
    }

    @Test
    void aDeclaredContentLengthIsSentInsteadOfChunks() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(201, List.of(new Header("content-length", "5")), 5);
                    write(sink, "hello");
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            RawConnection.Response response = client.send(GET).read(WAIT);
            assertEquals(201, response.status());
            assertEquals("hello", response.body());
            assertNull(response.header("transfer-encoding"));
            assertTrue(response.header("date").endsWith(" GMT"), response.head());
        }
    }

    @Test
    void trailersFollowTheLastChunk() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(), -1);
                    write(sink, "body");
                    sink.finish(List.of(new Header("x-checksum", "abc")));
                });
                var client = server.connect()) {
            client.send(GET).readHead(WAIT);
            assertEquals("body", text(client.readChunk()));
            assertNull(client.readChunk());
            assertEquals("x-checksum: abc\r\n", client.readTrailers());
        }
    }

    @Test
    void aHundredMegabyteResponseStreamsWithHeapGrowthUnder64MiB() throws Exception {
        long total = 100L << 20;
        byte[] chunk = new byte[64 * 1024];
        var heap = ManagementFactory.getMemoryMXBean();
        var maxGrowth = new AtomicLong();
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    System.gc();
                    long baseline = heap.getHeapMemoryUsage().getUsed();
                    ByteSink sink = response.respond(200, List.of(), total);
                    for (long sent = 0; sent < total; sent += chunk.length) {
                        write(sink, chunk);
                        if (sent % (8L << 20) == 0) {
                            // what stays reachable: garbage would only measure the collector's mood
                            System.gc();
                            maxGrowth.accumulateAndGet(heap.getHeapMemoryUsage().getUsed() - baseline, Math::max);
                        }
                    }
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            RawConnection.Response head = client.send(GET).readHead(WAIT);
            assertEquals(String.valueOf(total), head.header("content-length"));
            byte[] buffer = new byte[256 * 1024];
            long received = 0;
            for (int n; received < total && (n = client.input().read(buffer)) > 0; ) {
                received += n;
            }
            assertEquals(total, received);
        }
        assertTrue(maxGrowth.get() < 64L << 20, "heap grew by " + (maxGrowth.get() >> 20) + " MiB");
    }

    @Test
    void aClientThatStopsReadingStopsTheGuestUntilItReadsAgain() throws Exception {
        long total = 32L << 20;
        var blocked = new CountDownLatch(1);
        var acceptedBeforeBlocking = new AtomicLong();
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(), total);
                    long sent = 0;
                    while (sent < total) {
                        if (sink.writable() == 0 && blocked.getCount() > 0) {
                            acceptedBeforeBlocking.set(sent);
                            blocked.countDown();
                        }
                        int n = (int) Math.min(awaitWritable(sink), total - sent);
                        sink.write(new byte[n]);
                        sent += n;
                    }
                    sink.finish(List.of());
                });
                var client = new RawConnection(server.address(), 16 * 1024)) {
            client.send(GET);
            await(blocked, "the guest to run out of write permits");
            // socket buffers on both ends plus the channel's high-water mark, far below the 32 MiB it wanted
            assertTrue(acceptedBeforeBlocking.get() < 16L << 20, "accepted " + acceptedBeforeBlocking.get());
            client.readHead(WAIT);
            assertEquals(total, client.input().readNBytes((int) total).length);
        }
    }

    @Test
    void aGuestThatGoesAwayWithoutFinishingEndsAChunkedBodyAndTheConnectionServesOn() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    write(response.respond(200, List.of(), -1), "partial");
                    // returns without finish: the instance is dropped, as a trap after the head drops it
                });
                var client = server.connect()) {
            client.send(GET).readHead(WAIT);
            assertEquals("partial", text(client.readChunkedBody()));
            assertEquals("whole:0", client.send("GET /whole HTTP/1.1\r\nHost: localhost\r\n\r\n").read(WAIT).body());
        }
    }

    @Test
    void aGuestThatGoesAwayShortOfItsContentLengthHasTheConnectionCut() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    write(response.respond(200, List.of(), 100), "short");
                });
                var client = server.connect()) {
            RawConnection.Response head = client.send(GET).readHead(WAIT);
            assertEquals("100", head.header("content-length"));
            assertEquals("short", text(client.input().readNBytes(5)));
            assertTrue(client.closedByServerWithin(WAIT));
        }
    }

    @Test
    void anAbortedBodyClosesTheConnectionWithoutTheLastChunk() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(), -1);
                    write(sink, "cut");
                    sink.abort();
                });
                var client = server.connect()) {
            client.send(GET).readHead(WAIT);
            assertEquals("cut", text(client.readChunk()));
            assertThrows(IOException.class, client::readChunk, "no last chunk: the connection ends inside the body");
        }
    }

    @Test
    void aGuestFailingBeforeItsHeadIsAnswered500() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    throw new IllegalArgumentException("guest failed before responding");
                });
                var client = server.connect()) {
            RawConnection.Response response = client.send(GET).read(WAIT);
            assertEquals(500, response.status());
            assertEquals("", response.body());
        }
    }

    @Test
    void aGuestThatNeverRespondsIsAnswered500() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {});
                var client = server.connect()) {
            assertEquals(500, client.send(GET).read(WAIT).status());
        }
    }

    @Test
    void aHeadRequestGetsTheHeadWithoutTheBody() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(), 4);
                    write(sink, "body");
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            RawConnection.Response head = client.send("HEAD /stream/x HTTP/1.1\r\nHost: localhost\r\n\r\n").readHead(WAIT);
            assertEquals("4", head.header("content-length"));
            // the next response starts right after the head: no body bytes in between
            assertEquals("whole:0", client.send("GET /whole HTTP/1.1\r\nHost: localhost\r\n\r\n").read(WAIT).body());
        }
    }

    @Test
    void anHttp10ClientGetsABodyDelimitedByTheConnectionClosing() throws Exception {
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    ByteSink sink = response.respond(200, List.of(), -1);
                    write(sink, "no chunks");
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            RawConnection.Response head = client.send("GET /stream/x HTTP/1.0\r\n\r\n").readHead(WAIT);
            assertNull(head.header("transfer-encoding"));
            assertEquals("close", head.header("connection"));
            assertEquals("no chunks", text(client.input().readAllBytes()));
        }
    }

    @Test
    void pipelinedStreamedRequestsAreAnsweredInOrder() throws Exception {
        var firstMayFinish = new CountDownLatch(1);
        var calls = new AtomicReference<String>("");
        try (var server = StreamingServer.start((match, head, body, response) -> {
                    String name = head.path().substring("/stream/".length());
                    calls.accumulateAndGet(name, String::concat);
                    ByteSink sink = response.respond(200, List.of(), -1);
                    if (name.equals("one")) {
                        write(sink, "one-");
                        await(firstMayFinish, "the test to let the first response finish");
                    }
                    write(sink, name);
                    sink.finish(List.of());
                });
                var client = server.connect()) {
            client.send("GET /stream/one HTTP/1.1\r\nHost: h\r\n\r\nGET /stream/two HTTP/1.1\r\nHost: h\r\n\r\n");
            client.readHead(WAIT);
            assertEquals("one-", text(client.readChunk()));
            assertEquals("one", calls.get(), "the second request waits for the first answer");
            firstMayFinish.countDown();
            assertEquals("one", text(client.readChunkedBody()));
            client.readHead(WAIT);
            assertEquals("two", text(client.readChunkedBody()));
        }
    }
}
