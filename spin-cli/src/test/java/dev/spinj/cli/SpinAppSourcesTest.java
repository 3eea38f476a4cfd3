package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code spin up -f} runs besides a manifest: a bare {@code .wasm} file, and manifests whose
 * components come from {@code { url, digest }}. Spin only fetches https URLs, so the test serves
 * the wasm from a loopback HTTPS server whose self-signed certificate the CLI's JVM is told to
 * trust through the standard {@code javax.net.ssl.trustStore} property: no test-only switch.
 */
@Timeout(120)
class SpinAppSourcesTest {
    private static final Path HELLO_WASM = Path.of("..", "examples", "hello-c", "hello.wasm").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TestCertificate certificate;
    private HttpsServer wasmServer;
    private final AtomicInteger downloads = new AtomicInteger();

    @BeforeEach
    void serveHelloWasmOverHttps() throws Exception {
        certificate = TestCertificate.create();
        byte[] wasm = Files.readAllBytes(HELLO_WASM);
        wasmServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        wasmServer.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        wasmServer.createContext("/hello.wasm", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, wasm.length);
            exchange.getResponseBody().write(wasm);
            exchange.close();
        });
        wasmServer.start();
    }

    @AfterEach
    void stopServer() {
        wasmServer.stop(0);
    }

    private String wasmUrl() {
        return "https://127.0.0.1:" + wasmServer.getAddress().getPort() + "/hello.wasm";
    }

    private static String sha256(Path file) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Path appFromUrl(String digest) throws Exception {
        Path dir = Files.createTempDirectory("spin-url-app");
        Files.writeString(dir.resolve("spin.toml"), """
                spin_manifest_version = "1"
                name = "remote"
                version = "1.0.0"
                trigger = { type = "http", base = "/" }

                [[component]]
                id = "hello"
                source = { url = "%s", digest = "%s" }
                [component.trigger]
                route = "/hello"
                """.formatted(wasmUrl(), digest));
        return dir;
    }

    @Test
    void bareWasmFileIsServedOnEveryPath() throws Exception {
        Path dir = Files.createTempDirectory("spin-wasm-app");
        Path wasm = Files.copy(HELLO_WASM, dir.resolve("Hello_World.wasm"));
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(dir, Map.of(), "up", "-f", wasm.toString(), "--listen", "127.0.0.1:" + port)) {
            // the route line comes after the heading: wait for the whole listing
            spin.awaitStdout(" (wildcard)\n", Duration.ofSeconds(60));
            assertTrue(spin.stdout().endsWith("Available Routes:\n  hello-world: http://127.0.0.1:" + port + " (wildcard)\n"),
                    spin.stdout());
            assertEquals("Hello, Fermyon!\n", get(port, "/any/path?at=all").body());
        }
    }

    @Test
    void urlSourceIsDownloadedOnceAndThenServedFromTheCache() throws Exception {
        Path app = appFromUrl(sha256(HELLO_WASM));
        Path cacheHome = Files.createTempDirectory("spin-cache");
        for (int run = 0; run < 2; run++) {
            int port = SpinProcess.freePort();
            try (SpinProcess spin = SpinProcess.start(app, Map.of("XDG_CACHE_HOME", cacheHome.toString()),
                    certificate.trustStoreOptions(), "up", "--listen", "127.0.0.1:" + port)) {
                spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertEquals("Hello, Fermyon!\n", get(port, "/hello").body());
                spin.terminate();
                assertEquals(0, spin.exitCode(), spin.stderr());
            }
        }
        assertEquals(1, downloads.get());
        Path cached = cacheHome.resolve("spinj/downloads/" + sha256(HELLO_WASM).replace(':', '-') + ".wasm");
        assertEquals(sha256(HELLO_WASM), sha256(cached));
    }

    @Test
    void urlSourceWithAnotherDigestIsAnErrorNamingBothDigests() throws Exception {
        String expected = "sha256:" + "0".repeat(64);
        Path app = appFromUrl(expected);
        Path cacheHome = Files.createTempDirectory("spin-cache");
        try (SpinProcess spin = SpinProcess.start(app, Map.of("XDG_CACHE_HOME", cacheHome.toString()),
                certificate.trustStoreOptions(), "up", "--listen", "127.0.0.1:0")) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: Failed to load component `hello`\n\nCaused by:\n"
                    + "   0: Error fetching source URL \"" + wasmUrl() + "\"\n"
                    + "   1: invalid content digest; expected " + expected + ", downloaded " + sha256(HELLO_WASM) + "\n",
                    spin.stderr());
            try (var left = Files.list(cacheHome.resolve("spinj/downloads"))) {
                assertEquals(0, left.count(), "nothing unverified stays in the cache");
            }
        }
    }
}
