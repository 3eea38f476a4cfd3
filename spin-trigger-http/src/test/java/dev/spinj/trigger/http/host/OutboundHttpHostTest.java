package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedVariable;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.http.OutboundHttpSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboundHttpHostTest {
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            served.incrementAndGet();
            byte[] request = exchange.getRequestBody().readAllBytes();
            String body = "method=" + exchange.getRequestMethod() + " uri=" + exchange.getRequestURI()
                    + " x-test=" + exchange.getRequestHeaders().get("x-test") + " body=" + new String(request, StandardCharsets.UTF_8);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Multi", "one");
            exchange.getResponseHeaders().add("X-Multi", "two");
            exchange.getResponseHeaders().add("X-Upper", "Yes");
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String origin() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static LockedApp allowing(String... hosts) throws Exception {
        return HostProbe.withComponentMetadata(HostProbe.lock(), "allowed_http_hosts", List.of(hosts));
    }

    /** The probe's output without the {@code date} header, the one thing that changes between runs. */
    private static String withoutDate(String out) {
        return out.lines().filter(l -> !l.startsWith("date: ")).collect(Collectors.joining("\n", "", "\n"))
                .replaceAll("\n$", out.endsWith("\n") ? "\n" : "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void requestCarriesMethodHeadersAndBodyAndReturnsEveryResponseHeader(String flavour) throws Exception {
        try (HostProbe probe = HostProbe.start(allowing(origin()))) {
            String out = probe.run(flavour, "http", "1\thttp://" + origin() + "/echo?q=1", "x-test\tfirst",
                    "X-Test\tlast wins", "", "payload");
            assertEquals("ok 201\ncontent-length: 57\nx-multi: one\nx-multi: two\nx-upper: Yes\n\n"
                    + "method=POST uri=/echo?q=1 x-test=[last wins] body=payload", withoutDate(out));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void relativeUrlReachesAnotherComponentOfTheAppWhenSelfIsAllowed(String flavour) throws Exception {
        String other = flavour.equals("a") ? "b" : "a";
        try (HostProbe probe = HostProbe.start(allowing("self"))) {
            String out = probe.run(flavour, "http", "0\t/" + other + "/hello\tnobody");
            // The guest sets x-probe twice; the trigger keeps the last, as Spin's header map does. Served
            // in-process, the response carries the guest's headers and the framing a socket would add.
            assertEquals("ok 200\ncontent-type: text/plain\nx-probe: two\ncontent-length: 12\n\nhello from " + other,
                    withoutDate(out));
        }
    }

    /**
     * A Spin 2+ lock whose components allow {@code {{ upstream }}} (SPEC2 6.7): the template is
     * resolved at startup, here by the SPIN_VARIABLE_ environment provider over the default.
     */
    private static LockedApp allowingTemplate() throws Exception {
        LockedApp v1 = HostProbe.withComponentMetadata(HostProbe.lock(), "allowed_outbound_hosts", List.of("{{ upstream }}"));
        Map<String, Object> metadata = new HashMap<>(v1.metadata());
        metadata.put("triggers", Map.of("http", Map.of()));
        Map<String, LockedVariable> variables = new HashMap<>(v1.variables());
        variables.put("upstream", new LockedVariable(null, "http://nowhere.invalid", null));
        return new LockedApp(0, metadata, variables, v1.triggers(), v1.components());
    }

    @Test
    void templatedAllowedHostIsResolvedFromVariables() throws Exception {
        Map<String, String> env = Map.of("SPIN_VARIABLE_UPSTREAM", "http://" + origin());
        try (HostProbe probe = HostProbe.start(allowingTemplate(), env, HostSettings.defaults())) {
            assertTrue(probe.run("a", "http", "0\thttp://" + origin() + "/echo\tnobody").startsWith("ok 201\n"));
        }
        try (HostProbe probe = HostProbe.start(allowingTemplate())) {
            assertEquals("err 1\n", probe.run("a", "http", "0\thttp://" + origin() + "/echo\tnobody"));
        }
        assertEquals(1, served.get());
    }

    @Test
    void relativeUrlWithoutSelfIsDestinationNotAllowed() throws Exception {
        try (HostProbe probe = HostProbe.start(allowing(origin()))) {
            assertEquals("err 1\n", probe.run("a", "http", "0\t/b/hello"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void deniedRequestOpensNoConnection(String flavour) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = listener.socket().getLocalPort();
            try (HostProbe probe = HostProbe.start(allowing("self", "127.0.0.1:1"))) {
                assertEquals("err 1\n", probe.run(flavour, "http", "0\thttp://127.0.0.1:" + port + "/"));
            }
            // A connect completes in the kernel before the host call returns, so it would be queued here.
            assertNull(listener.accept(), "the denied request reached the listener");
        }
    }

    @Test
    void unreachableAllowedHostIsRuntimeError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HostProbe probe = HostProbe.start(allowing("127.0.0.1:" + closedPort))) {
            assertEquals("err 4\n", probe.run("b", "http", "0\thttp://127.0.0.1:" + closedPort + "/"));
        }
    }

    @Test
    void unparsableUrlIsRuntimeError() throws Exception {
        try (HostProbe probe = HostProbe.start(allowing("insecure:allow-all"))) {
            assertEquals("err 4\n", probe.run("a", "http", "0\thttp://exa mple.com/"));
        }
    }

    @Test
    void responseBodyOverTheCapIsRuntimeError() throws Exception {
        HostSettings settings = HostSettings.defaults().withHttp(OutboundHttpSettings.defaults().withMaxResponseBytes(16));
        try (HostProbe probe = HostProbe.start(allowing(origin()), Map.of(), settings)) {
            assertEquals("err 4\n", probe.run("a", "http", "0\thttp://" + origin() + "/echo"));
        }
        assertEquals(1, served.get());
    }
}
