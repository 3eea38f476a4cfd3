package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --tls-cert}/{@code --tls-key} (or {@code SPIN_TLS_CERT}/{@code SPIN_TLS_KEY}): real https over loopback. */
@Timeout(120)
class SpinTlsTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    /** The echo guest of spin-trigger-http's tests: it answers with the request headers it saw. */
    private static final Path HEADERS_ECHO =
            Path.of("..", "spin-trigger-http", "src", "test", "resources", "apps", "headers-echo", "spin.toml").toAbsolutePath().normalize();

    private static TestCertificate certificate;
    private static HttpClient client;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create();
        client = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upServesHttpsAndTheGuestSeesTheHttpsScheme() throws Exception {
        int port = SpinProcess.freePort();
        Path state = Files.createTempDirectory("spin-state");
        try (SpinProcess spin = SpinProcess.start(state, Map.of(), "up", "-f", HEADERS_ECHO.toString(),
                "--listen", "127.0.0.1:" + port, "--state-dir", state.toString(),
                "--tls-cert", certificate.cert().toString(), "--tls-key", certificate.key().toString())) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(spin.stdout().contains("\nServing https://127.0.0.1:" + port + "\nAvailable Routes:\n"
                    + "  echo: https://127.0.0.1:" + port + "/base/foo (wildcard)\n"), spin.stdout());
            HttpResponse<String> response = get("https://127.0.0.1:" + port + "/base/foo/bar?x=1");
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("spin-full-url: https://127.0.0.1:" + port + "/base/foo/bar?x=1\n"),
                    response.body());
        }
    }

    @Test
    void certificateAndKeyCanComeFromTheEnvironment() throws Exception {
        int port = SpinProcess.freePort();
        Map<String, String> env = Map.of("SPIN_TLS_CERT", certificate.cert().toString(), "SPIN_TLS_KEY", certificate.key().toString());
        try (SpinProcess spin = SpinProcess.start(EXAMPLES.resolve("hello-c"), env, "up", "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(spin.stdout().contains("\nServing https://127.0.0.1:" + port + "\n"), spin.stdout());
            HttpResponse<String> response = get("https://127.0.0.1:" + port + "/hello");
            assertEquals("Hello, Fermyon!\n", response.body());
        }
    }

    @Test
    void certificateWithoutKeyIsAUsageErrorWithExitCode2() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES.resolve("hello-c"), Map.of(), "up",
                "--tls-cert", certificate.cert().toString())) {
            assertEquals(2, spin.exitCode());
            assertTrue(spin.stderr().startsWith("Error: --tls-cert requires --tls-key: give the certificate's PEM PKCS#8 "
                    + "private key with --tls-key <TLS_KEY> or SPIN_TLS_KEY\nUsage: spin trigger http "), spin.stderr());
        }
    }

    @Test
    void keyWithoutCertificateIsAUsageErrorWithExitCode2() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES.resolve("hello-c"), Map.of("SPIN_TLS_KEY", certificate.key().toString()),
                "up")) {
            assertEquals(2, spin.exitCode());
            assertTrue(spin.stderr().startsWith("Error: --tls-key requires --tls-cert: give the PEM certificate with "
                    + "--tls-cert <TLS_CERT> or SPIN_TLS_CERT\nUsage: spin trigger http "), spin.stderr());
        }
    }

    @Test
    void unreadableCertificateFailsStartupNamingTheFile() throws Exception {
        Path missing = certificate.dir().resolve("missing.pem");
        try (SpinProcess spin = SpinProcess.start(EXAMPLES.resolve("hello-c"), Map.of(), "up", "--listen", "127.0.0.1:0",
                "--tls-cert", missing.toString(), "--tls-key", certificate.key().toString())) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: TLS file \"" + missing + "\" does not exist or cannot be read; check --tls-cert and --tls-key\n",
                    spin.stderr());
        }
    }
}
