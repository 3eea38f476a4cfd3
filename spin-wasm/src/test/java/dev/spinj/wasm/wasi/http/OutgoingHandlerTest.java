package dev.spinj.wasm.wasi.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.spinj.wasm.host.http.AppLoopback;
import dev.spinj.wasm.host.http.HttpReply;
import dev.spinj.wasm.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code wasi:http/outgoing-handler} driven by http-guest.c's {@code /outbound} route: the request
 * it makes is described by the incoming request's {@code x-*} headers; it answers with the
 * upstream's status, {@code x-upstream} header and body, or {@code error=<error-code case>}.
 * Upstreams are real servers on loopback; the app itself is a loopback standing in for the trigger.
 */
@Timeout(60)
class OutgoingHandlerTest {
    private final HttpGuest guest = HttpGuest.p2();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws Exception {
        release.countDown();
        guest.close();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private static IncomingHttpRequest outbound(String scheme, String authority, String path, Header... more) {
        List<Header> headers = new ArrayList<>(List.of(new Header("x-path", path)));
        if (scheme != null) {
            headers.add(new Header("x-scheme", scheme));
        }
        if (authority != null) {
            headers.add(new Header("x-authority", authority));
        }
        headers.addAll(List.of(more));
        return new IncomingHttpRequest("GET", "example.com", "/outbound", headers, RequestBody.empty());
    }

    /** A real HTTP server: records what {@code /up} received and answers 201 with a body. */
    private HttpServer upstream(List<String> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> {
            String framing = exchange.getRequestHeaders().containsKey("transfer-encoding") ? " chunked" : "";
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " x-from=" + exchange.getRequestHeaders().getFirst("x-from")
                    + " body=" + new String(exchange.getRequestBody().readAllBytes(), UTF_8) + framing);
            byte[] body = "hello from upstream".getBytes(UTF_8);
            exchange.getResponseHeaders().add("x-upstream", "yes");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("location", "/up");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        return server;
    }

    private static String authority(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void anAllowedRequestGoesOverTheNetworkWithItsBodyAndTheResponseComesBack() throws IOException {
        List<String> seen = new ArrayList<>();
        HttpServer server = upstream(seen);
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound("http", authority(server), "/up?q=1", new Header("x-method", "POST"), new Header("x-body", "ping")),
                outlet, "http://" + authority(server));
        assertEquals(201, outlet.status, outlet.text());
        assertEquals(List.of("yes"), outlet.header("x-upstream"));
        assertEquals("hello from upstream", outlet.text());
        assertEquals(List.of("POST /up?q=1 x-from=guest body=ping"), seen);
    }

    @Test
    void aBodyWithoutContentLengthGoesChunked() throws IOException {
        List<String> seen = new ArrayList<>();
        HttpServer server = upstream(seen);
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound("http", authority(server), "/up", new Header("x-method", "PUT"), new Header("x-body", "streamed"),
                new Header("x-chunked", "1")), outlet, "http://" + authority(server));
        assertEquals(201, outlet.status, outlet.text());
        assertEquals(List.of("PUT /up x-from=guest body=streamed chunked"), seen);
    }

    @Test
    void redirectsAreHandedToTheGuestNotFollowed() throws IOException {
        List<String> seen = new ArrayList<>();
        HttpServer server = upstream(seen);
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound("http", authority(server), "/redirect"), outlet, "http://" + authority(server));
        assertEquals(302, outlet.status);
        assertEquals(List.of(), seen);
    }

    @Test
    void aDeniedHostIsHttpRequestDeniedAndNoConnectionIsMade() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            RecordingOutlet outlet = new RecordingOutlet();
            guest.handle(outbound("http", "127.0.0.1:" + port, "/"), outlet, "http://127.0.0.1:1");
            assertEquals(502, outlet.status);
            assertEquals("error=15\n", outlet.text(), "HTTP-request-denied");
            assertNull(listener.accept(), "no connection reached the listener");
        }
    }

    @Test
    void aRefusedConnectionIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound("http", "127.0.0.1:" + port, "/"), outlet, "http://127.0.0.1:" + port);
        assertEquals("error=6\n", outlet.text(), "connection-refused");
    }

    @Test
    void aBodyThatStallsLongerThanTheBetweenBytesTimeoutFailsTheStreamWithConnectionReadTimeout() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread stalling = new Thread(() -> {
            try (Socket client = server.accept()) {
                InputStream in = client.getInputStream();
                for (int matched = 0, b; matched < 4 && (b = in.read()) >= 0; ) {
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                }
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npart".getBytes(UTF_8));
                out.flush();
                release.await(60, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        });
        stalling.start();
        RecordingOutlet outlet = new RecordingOutlet();
        String authority = "127.0.0.1:" + server.getLocalPort();
        guest.handle(outbound("http", authority, "/", new Header("x-between-bytes-ms", "200")), outlet, "http://" + authority);
        assertEquals(200, outlet.status);
        assertTrue(outlet.text().startsWith("part\nstream-error: "), outlet.text());
        assertTrue(outlet.text().contains("connection-read-timeout"), outlet.text());
    }

    /** The trigger's loopback, answering from the test and recording what reached it. */
    private final class TestApp implements AppLoopback {
        final List<String> seen = new ArrayList<>();

        @Override
        public HttpReply serve(String method, String pathAndQuery, List<Header> headers, byte[] body) {
            seen.add("app " + method + " " + pathAndQuery + " " + headers + " body=" + new String(body, UTF_8));
            return new HttpReply(200, List.of(new Header("x-upstream", "app")), "from the app".getBytes(UTF_8));
        }

        @Override
        public Optional<HttpReply> serveComponent(String componentId, String method, String pathAndQuery, List<Header> headers,
                byte[] body) {
            seen.add(componentId + " " + method + " " + pathAndQuery + " " + headers);
            return Optional.of(new HttpReply(202, List.of(new Header("x-upstream", componentId)), "chained".getBytes(UTF_8)));
        }
    }

    @Test
    void aRequestWithoutAuthorityGoesToTheAppItselfInProcessWithItsBody() {
        TestApp app = new TestApp();
        guest.origin.announce(URI.create("http://127.0.0.1:3000"), app);
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound(null, null, "/self?x=1", new Header("x-method", "PUT"), new Header("x-body", "data")), outlet,
                "http://self");
        assertEquals(200, outlet.status);
        assertEquals("from the app", outlet.text());
        assertEquals(List.of("app PUT /self?x=1 [Header[name=x-from, value=guest], Header[name=host, value=127.0.0.1:3000], "
                + "Header[name=content-length, value=4]] body=data"), app.seen);
    }

    @Test
    void aRequestWithoutAuthorityNeedsSelfInTheAllowList() {
        guest.origin.announce(URI.create("http://127.0.0.1:3000"), new TestApp());
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound(null, null, "/self"), outlet, "http://example.com");
        assertEquals("error=15\n", outlet.text());
    }

    @Test
    void aServiceChainedRequestReachesTheComponentInProcess() {
        TestApp app = new TestApp();
        guest.origin.announce(URI.create("http://127.0.0.1:3000"), app);
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(outbound("http", "backend.spin.internal", "/api"), outlet, "http://backend.spin.internal");
        assertEquals(202, outlet.status);
        assertEquals(List.of("backend"), outlet.header("x-upstream"));
        assertEquals("chained", outlet.text());
        assertEquals(List.of("backend GET /api [Header[name=x-from, value=guest]]"), app.seen);
    }
}
