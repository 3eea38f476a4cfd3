package dev.spinj.trigger.http.guests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptance app built from npm and served by jco serve answers what its source says: the
 * reference side of the differential tests, proving {@link JsGuests} and {@link JcoServe} work.
 */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES) // a cold build: npm ci + j2w
final class JcoServeTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static JcoServe jco;
    private static GateServer gate;

    @BeforeAll
    static void serve() {
        jco = JcoServe.start(JsGuests.build("acceptance"));
        gate = GateServer.start();
    }

    @AfterAll
    static void stop() {
        if (jco != null) {
            jco.close();
        }
        if (gate != null) {
            gate.close();
        }
    }

    @Test
    void rootAnswersTheAppsGreeting() throws Exception {
        HttpResponse<String> response = get("/");
        assertEquals(200, response.statusCode());
        assertEquals("hello from a Spin JS guest\n", response.body());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void statusRouteAnswersItsStatusAndHeaderValuesInOrder() throws Exception {
        HttpResponse<String> response = get("/status");
        assertEquals(201, response.statusCode());
        assertEquals("created\n", response.body());
        // StarlingMonkey's Headers joins appended values of a name (fetch semantics)
        assertEquals(List.of("first, second"), response.headers().allValues("x-multi"));
    }

    @Test
    void echoReturnsAMebibyteBodyAndWhatTheGuestSawOfTheRequest() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(11).nextBytes(body);
        HttpRequest request = HttpRequest.newBuilder(jco.uri("/echo/a/b?x=1&y=two"))
                .header("x-test", "value one").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
        assertEquals("POST", response.headers().firstValue("x-echo-method").orElseThrow());
        assertEquals("/echo/a/b", response.headers().firstValue("x-echo-path").orElseThrow());
        assertEquals("?x=1&y=two", response.headers().firstValue("x-echo-query").orElseThrow());
        String seen = response.headers().firstValue("x-echo-headers").orElseThrow();
        assertTrue(seen.contains("[\"x-test\",\"value one\"]"), seen);
        assertTrue(seen.contains("[\"content-length\",\"1048576\"]"), seen);
    }

    @Test
    void streamSendsEachChunkBeforeTheGuestAwaitsTheNextGate() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(jco.uri("/stream?chunks=3"))
                .header("x-gate-url", gate.uri("/gate").toString()).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            for (int chunk = 0; chunk < 3; chunk++) {
                // chunk N arrives while the guest still waits for gate N+1: sent as written, not buffered
                assertEquals("chunk " + chunk + "\n", new String(body.readNBytes(8), StandardCharsets.UTF_8));
                assertTrue(gate.awaitArrival(chunk + 1, WAIT), "the guest asked for gate " + (chunk + 1));
                gate.release(chunk + 1);
            }
            assertEquals(0, body.readAllBytes().length);
        }
    }

    @Test
    void fetchAnswersTheUpstreamBodyAndStatus() throws Exception {
        HttpResponse<String> response = get("/fetch?url=" + URLEncoder.encode(gate.uri("/upstream").toString(), StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        assertEquals(GateServer.UPSTREAM_BODY, response.body());
        assertEquals("200", response.headers().firstValue("x-upstream-status").orElseThrow());
    }

    @Test
    void throwingGuestAnswers500() throws Exception {
        assertEquals(500, get("/throw").statusCode());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(jco.uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
