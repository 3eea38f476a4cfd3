package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection flags reach the HTTP trigger through {@code spin up}. */
@Timeout(120)
class SpinConnectionFlagsTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @Test
    void idleTimeoutFlagClosesAnIdleKeepAliveConnection() throws Exception {
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(Files.createTempDirectory("spin-up"), Map.of(), "up", "-f",
                EXAMPLES.resolve("hello-c/spin.toml").toString(), "--listen", "127.0.0.1:" + port, "--idle-timeout", "500ms");
                Socket socket = new Socket()) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            // far below the 75 s default: a close within it is the flag's
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answered = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answered.startsWith("HTTP/1.1 200 OK\r\n") && answered.endsWith("Hello, Fermyon!\n"), answered);
        }
    }

    @Test
    void maxConnectionsBelowOneIsRefused() throws Exception {
        try (SpinProcess spin = SpinProcess.start(Files.createTempDirectory("spin-up"), Map.of(), "up", "-f",
                EXAMPLES.resolve("hello-c/spin.toml").toString(), "--listen", "127.0.0.1:0", "--max-connections", "0")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("--max-connections must be at least 1"), spin.stderr());
        }
    }
}
