package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --max-component-concurrency} and {@code --max-queued-body} reach the HTTP trigger through {@code spin up}. */
@Timeout(120)
class HttpSchedulingFlagsTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @Test
    void schedulingFlagsAreAcceptedAndTheAppServes() throws Exception {
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "up", "-f", EXAMPLES.resolve("hello-c").toString(),
                "--listen", "127.0.0.1:" + port, "--max-component-concurrency", "1", "--max-queued-body", "1MiB")) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            HttpResponse<String> hello = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
        }
    }

    @Test
    void aComponentConcurrencyBelowOneIsRefused() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "up", "-f", EXAMPLES.resolve("hello-c").toString(),
                "--listen", "127.0.0.1:0", "--max-component-concurrency", "0")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("--max-component-concurrency must be at least 1"), spin.stderr());
        }
    }
}
