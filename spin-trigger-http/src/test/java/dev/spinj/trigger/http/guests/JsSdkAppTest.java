package dev.spinj.trigger.http.guests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.trigger.http.RunningApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Spin 3 JS SDK acceptance app (src/test/js/apps/acceptance, built from npm by
 * {@link JsGuests}) served by spinj through a spin.toml and by {@code jco serve --isolate-requests
 * instance}: the same requests get the same answers (status, headers but {@link Answer}'s
 * sending ones, body), and where SPEC2 says Spin differs, the difference is asserted.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // a cold build (npm ci + j2w) and a cold compile of 12 MB
final class JsSdkAppTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Where spinj keeps the compiled guest: one compile for every test class and run that serves it. */
    private static final Path COMPILE_CACHE = Path.of("target/spinj-compile-cache");
    private static final Pattern JSON_PAIR = Pattern.compile("\\[\"((?:[^\"\\\\]|\\\\.)*)\",\"((?:[^\"\\\\]|\\\\.)*)\"]");

    private static GateServer gate;
    private static GateServer jcoGate;
    private static CountingListener denied;
    private static RunningApp spinj;
    private static JcoServe jco;

    @BeforeAll
    static void serve() throws Exception {
        Path component = JsGuests.build("acceptance");
        gate = GateServer.start();
        jcoGate = GateServer.start(); // gates open once: each server's streams get their own
        denied = CountingListener.start();
        jco = JcoServe.start(component);
        spinj = RunningApp.start(manifest(component, gate.uri("")), COMPILE_CACHE);
    }

    /**
     * The app as a Spin user writes it: the guest on {@code /...} may reach the gate server, and
     * {@code back}, the same guest on a private route, by service chaining.
     */
    private static Path manifest(Path component, URI allowed) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/js-sdk-app"));
        Path manifest = dir.resolve("spin.toml");
        Files.writeString(manifest, """
                spin_manifest_version = 2

                [application]
                name = "js-sdk-app"
                version = "0.1.0"

                [[trigger.http]]
                route = "/..."
                component = "front"

                [[trigger.http]]
                route = { private = true }
                component = "back"

                [component.front]
                source = "%1$s"
                allowed_outbound_hosts = ["%2$s", "http://back.spin.internal"]

                [component.back]
                source = "%1$s"
                """.formatted(component.toAbsolutePath(), allowed));
        return manifest;
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable running : new AutoCloseable[] {spinj, jco, gate, jcoGate, denied}) {
            if (running != null) {
                try {
                    running.close();
                } catch (Exception e) {
                    throw new IOException("stopping " + running, e);
                }
            }
        }
    }

    @Test
    void customStatusAndMultiValueHeadersAnswerAsOnJcoButEverySetCookieArrives() throws Exception {
        Answer onSpinj = get(spinj.url("/status"));
        Answer onJco = get(jco.uri("/status"));
        assertEquals(201, onSpinj.status());
        assertEquals(List.of("first, second"), onSpinj.values("x-multi")); // StarlingMonkey's Headers joins them
        // Spin keeps every value of a name (SPEC2 §3.4); jco serve's node response keeps only the last set-cookie
        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), onSpinj.values("set-cookie"));
        assertEquals(List.of("b=2; Path=/"), onJco.values("set-cookie"));
        assertEquals(onJco.without("set-cookie"), onSpinj.without("set-cookie"));
    }

    @Test
    void echoOfMethodPathQueryHeadersAndAMebibyteBodyAnswersAsOnJcoPlusSpinsHeaders() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(11).nextBytes(body);
        String target = "/echo/a/b?x=1&y=two";
        Answer onSpinj = echo(spinj.url(target), body);
        Answer onJco = echo(jco.uri(target), body);
        assertArrayEquals(body, onSpinj.body());
        assertEquals(List.of("POST"), onSpinj.values("x-echo-method"));
        assertEquals(List.of("/echo/a/b"), onSpinj.values("x-echo-path"));
        assertEquals(List.of("?x=1&y=two"), onSpinj.values("x-echo-query"));
        assertEquals(onJco.without("x-echo-headers"), onSpinj.without("x-echo-headers"));

        List<String> seenOnJco = pairs(onJco.values("x-echo-headers").get(0));
        List<String> seenOnSpinj = pairs(onSpinj.values("x-echo-headers").get(0));
        // the client's headers, host removed by both (SPEC2 §3.2: wasmtime's forbidden headers)
        assertEquals(seenOnJco, seenOnSpinj.stream().filter(h -> !h.startsWith("spin-")).toList());
        assertTrue(seenOnJco.contains("x-test: value one"), seenOnJco.toString());
        assertTrue(seenOnJco.stream().noneMatch(h -> h.startsWith("host: ")), seenOnJco.toString());
        // and Spin's request headers (SPEC2 §3.3), which the guest's Headers lists by name
        List<String> spinHeaders = seenOnSpinj.stream().filter(h -> h.startsWith("spin-")).toList();
        String clientAddr = spinHeaders.get(1);
        assertTrue(clientAddr.matches("spin-client-addr: 127\\.0\\.0\\.1:\\d+"), clientAddr);
        assertEquals(List.of(
                "spin-base-path: /",
                clientAddr,
                "spin-component-route: ",
                "spin-full-url: " + spinj.url(target),
                "spin-matched-route: /...",
                "spin-path-info: /echo/a/b",
                "spin-raw-component-route: /..."), spinHeaders);
    }

    @Test
    void aStreamedResponseSendsEachChunkWhileTheGuestStillWaitsAndAnswersAsOnJco() throws Exception {
        assertEquals(streamWatchingTheGuest(jco.uri("/stream?chunks=3"), jcoGate),
                streamWatchingTheGuest(spinj.url("/stream?chunks=3"), gate));
    }

    @Test
    void anAllowedFetchAnswersAsOnJco() throws Exception {
        String target = "/fetch?url=" + URLEncoder.encode(gate.uri("/upstream").toString(), StandardCharsets.UTF_8);
        Answer onSpinj = get(spinj.url(target));
        assertEquals(GateServer.UPSTREAM_BODY, new String(onSpinj.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("200"), onSpinj.values("x-upstream-status"));
        assertEquals(get(jco.uri(target)), onSpinj);
    }

    @Test
    void aFetchToAHostNotAllowedFailsInTheGuestWithoutAConnection() throws Exception {
        // jco serve has no allow-list, so this one is Spin's alone (SPEC2 §3.7: HTTP-request-denied)
        Answer onSpinj = get(spinj.url("/fetch?url=" + URLEncoder.encode(denied.uri("/x").toString(), StandardCharsets.UTF_8)));
        assertEquals(502, onSpinj.status());
        assertEquals("fetch failed: TypeError: NetworkError when attempting to fetch resource\n",
                new String(onSpinj.body(), StandardCharsets.UTF_8));
        assertEquals(0, denied.connectionsBeforeAMarker(WAIT), "connections the denied host accepted");
    }

    @Test
    void aFetchToAnotherComponentIsServedByServiceChainingWithoutTheNetwork() throws Exception {
        // nothing on the network could answer: the name does not resolve (SPEC2 §3.7 step 5)
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName("back.spin.internal"));
        Answer chained = get(spinj.url("/fetch?url=" + URLEncoder.encode("http://back.spin.internal/", StandardCharsets.UTF_8)));
        assertEquals(200, chained.status());
        assertEquals("hello from a Spin JS guest\n", new String(chained.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("200"), chained.values("x-upstream-status"));
    }

    @Test
    void aGuestThatThrowsAnswers500AsOnJcoAndTheNextRequestIsServed() throws Exception {
        Answer onSpinj = get(spinj.url("/throw"));
        assertEquals(500, onSpinj.status());
        assertEquals(get(jco.uri("/throw")), onSpinj);
        Answer next = get(spinj.url("/"));
        assertEquals(200, next.status());
        assertEquals(get(jco.uri("/")), next);
    }

    private static Answer get(URI uri) throws Exception {
        return Answer.of(CLIENT.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Answer echo(URI uri, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(WAIT).header("x-test", "value one")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return Answer.of(CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /**
     * GET {@code uri} (the stream route, 3 chunks): each chunk must arrive while the guest waits on
     * {@code gate} for leave to send the next, so it went out before the guest finished.
     */
    private static Answer streamWatchingTheGuest(URI uri, GateServer gate) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("x-gate-url", gate.uri("/gate").toString()).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream body = response.body()) {
            for (int chunk = 0; chunk < 3; chunk++) {
                byte[] text = body.readNBytes(8);
                assertEquals("chunk " + chunk + "\n", new String(text, StandardCharsets.UTF_8));
                received.write(text);
                assertTrue(gate.awaitArrival(chunk + 1, WAIT), "the guest waits for gate " + (chunk + 1) + " of " + uri);
                gate.release(chunk + 1);
            }
            received.write(body.readAllBytes());
        }
        return Answer.of(response, received.toByteArray());
    }

    /** The {@code [name, value]} pairs of the guest's JSON list as {@code name: value} lines. */
    private static List<String> pairs(String json) {
        List<String> pairs = new ArrayList<>();
        Matcher pair = JSON_PAIR.matcher(json);
        while (pair.find()) {
            pairs.add(pair.group(1) + ": " + pair.group(2));
        }
        return pairs;
    }

    /** A loopback listener that accepts and counts connections: the host no guest may reach. */
    private static final class CountingListener implements AutoCloseable {
        private final ServerSocket socket;
        /** The client port of each accepted connection, in the order the kernel queued them. */
        private final BlockingQueue<Integer> accepted = new LinkedBlockingQueue<>();

        private CountingListener(ServerSocket socket) {
            this.socket = socket;
        }

        static CountingListener start() throws IOException {
            CountingListener listener = new CountingListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(listener::acceptAll, "denied-host-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            return listener;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        /**
         * How many connections were opened to this listener before a marker connection the test
         * opens now: connections are accepted in the order they were made, so the marker's turn
         * comes after every earlier one, however slow their accepting was.
         */
        int connectionsBeforeAMarker(Duration wait) throws IOException, InterruptedException {
            try (Socket marker = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort())) {
                int before = 0;
                for (Integer port = accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS); port != null;
                        port = accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (port == marker.getLocalPort()) {
                        return before;
                    }
                    before++;
                }
                throw new IllegalStateException("the marker connection was not accepted within " + wait);
            }
        }

        private void acceptAll() {
            try {
                while (true) {
                    try (Socket connection = socket.accept()) {
                        accepted.add(connection.getPort());
                    }
                }
            } catch (IOException closed) {
                // close() ended the listener
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
