package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real wasi:http component (apps/wasi-http/stream-guest.c) served through spin.toml: what the
 * guest is given (SPEC2 §3.1–3.3), its body and response streamed both ways, and each way
 * {@code handle} can end (§3.5). Raw loopback sockets, to see framing and dropped connections.
 */
@Timeout(120)
class WasiHttpEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PrintStream ORIGINAL_ERR = System.err;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8)); // where slf4j-simple logs
        app = RunningApp.start("wasi-http");
    }

    @AfterAll
    static void stop() {
        app.close();
        System.setErr(ORIGINAL_ERR);
    }

    private static String get(String target, String host) {
        return "GET " + target + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + "\r\n";
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String log() {
        return LOG.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theGuestSeesMethodAuthorityRawPathAndSpinHeadersButNoHostHeader() throws Exception {
        try (RawConnection client = app.connect()) {
            client.send(get("/info/a%20b?x=1", "example.com:8080")).readHead(WAIT);
            String seen = text(client.readChunkedBody());
            assertTrue(seen.contains("method=0\n"), seen); // get
            assertTrue(seen.contains("authority=example.com:8080\n"), seen);
            assertTrue(seen.contains("path=/info/a%20b?x=1\n"), seen);
            assertTrue(seen.contains("spin-full-url: http://example.com:8080/info/a%20b?x=1\n"), seen);
            assertTrue(seen.contains("spin-path-info: /info/a%20b\n"), seen);
            assertTrue(seen.contains("spin-matched-route: /...\n"), seen);
            assertFalse(seen.contains("\nhost:"), seen);
        }
    }

    @Test
    void theEchoStreamsBothWaysWhileTheRequestBodyIsStillComing() throws Exception {
        try (RawConnection client = app.connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nping\r\n");
            RawConnection.Response head = client.readHead(WAIT);
            assertEquals(200, head.status());
            assertEquals("chunked", head.header("transfer-encoding"));
            // the guest wrote it back before the client sent the rest: both bodies stream
            assertEquals("ping", text(client.readChunk()));
            client.send("4\r\npong\r\n0\r\n\r\n");
            assertEquals("pong", text(client.readChunkedBody()));
        }
    }

    @Test
    void aHundredMegabyteResponseFromTheGuestArrivesWholeWithHeapGrowthUnder64MiB() throws Exception {
        // the acceptance size from a real guest (a few seconds of its 4 KiB writes)
        long total = 100L << 20;
        var heap = ManagementFactory.getMemoryMXBean();
        long maxGrowth = 0;
        try (RawConnection client = app.connect()) {
            client.send(get("/big/" + total, "h")).readHead(WAIT);
            System.gc();
            long baseline = heap.getHeapMemoryUsage().getUsed();
            long received = 0;
            long nextSample = 8L << 20;
            for (byte[] chunk; (chunk = client.readChunk()) != null; ) {
                received += chunk.length;
                if (received >= nextSample) {
                    // what stays reachable while the guest writes on: garbage would only measure the collector
                    System.gc();
                    maxGrowth = Math.max(maxGrowth, heap.getHeapMemoryUsage().getUsed() - baseline);
                    nextSample += 8L << 20;
                }
            }
            assertEquals(total, received);
        }
        assertTrue(maxGrowth < 64L << 20, "heap grew by " + (maxGrowth >> 20) + " MiB");
    }

    @Test
    void aTrapBeforeTheResponseIs500WithAnEmptyBodyAndALogLine() throws Exception {
        try (RawConnection client = app.connect()) {
            RawConnection.Response response = client.send(get("/trap", "h")).read(WAIT);
            assertEquals(500, response.status());
            assertEquals("0", response.header("content-length"));
        }
        assertTrue(log().contains("Error processing request for component streamer: guest invocation failed"), log());
    }

    @Test
    void anErrorCodeIs500WithAnEmptyBody() throws Exception {
        try (RawConnection client = app.connect()) {
            assertEquals(500, client.send(get("/error", "h")).read(WAIT).status());
        }
        assertTrue(log().contains("guest failed to produce a response"), log());
    }

    @Test
    void noResponseIs500WithAnEmptyBody() throws Exception {
        try (RawConnection client = app.connect()) {
            assertEquals(500, client.send(get("/none", "h")).read(WAIT).status());
        }
        assertTrue(log().contains("guest failed to produce a response prior to returning"), log());
    }

    @Test
    void aTrapAfterTheHeadEndsTheChunkedBodyAsIfCompleteAndTheConnectionServesOn() throws Exception {
        try (RawConnection client = app.connect()) {
            assertEquals(200, client.send(get("/trap-after", "h")).readHead(WAIT).status());
            assertEquals("partial", text(client.readChunkedBody()));
            client.send(get("/info", "h")).readHead(WAIT);
            assertTrue(text(client.readChunkedBody()).contains("authority=h\n"));
        }
        assertTrue(log().contains("Component error after response started"), log());
    }

    @Test
    void aBodyDroppedWithoutFinishIsCutWithoutItsLastChunk() throws Exception {
        try (RawConnection client = app.connect()) {
            client.send(get("/drop-body", "h")).readHead(WAIT);
            assertEquals("partial", text(client.readChunk()));
            assertThrows(IOException.class, client::readChunk);
        }
    }

    @Test
    void aRequestWithoutHostGetsNoResponseAtAll() throws Exception {
        try (RawConnection client = app.connect()) {
            client.send(get("/info", null));
            assertTrue(client.closedByServerWithin(WAIT));
        }
    }

    @Test
    void aHostThatDisagreesWithTheRequestTargetGetsNoResponseAtAll() throws Exception {
        try (RawConnection client = app.connect()) {
            client.send(get("http://a.example/info", "b.example"));
            assertTrue(client.closedByServerWithin(WAIT));
        }
    }

    @Test
    void anAbsoluteFormTargetGivesTheAuthority() throws Exception {
        try (RawConnection client = app.connect()) {
            client.send(get("http://a.example:81/info?q", null)).readHead(WAIT);
            String seen = text(client.readChunkedBody());
            assertTrue(seen.contains("authority=a.example:81\n"), seen);
            assertTrue(seen.contains("path=/info?q\n"), seen);
        }
    }

    @Test
    void aHeadRequestGetsNoBody() throws Exception {
        try (RawConnection client = app.connect()) {
            RawConnection.Response head = client.send("HEAD /info HTTP/1.1\r\nHost: h\r\n\r\n").readHead(WAIT);
            assertEquals(200, head.status());
            assertNull(head.header("content-length"));
            client.send(get("/info", "h")).readHead(WAIT);
            assertTrue(text(client.readChunkedBody()).startsWith("method=0\n"), "the next response follows the head at once");
        }
    }

    @Test
    void aComponentNoTriggerUsesIsNotLoaded() {
        // apps/wasi-http has a component "unused" whose source is not wasm: the app started anyway
        assertTrue(app.startupOutput.contains("Serving http://"), app.startupOutput);
    }
}
