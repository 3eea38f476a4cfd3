package dev.spinj.wasm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server for tests. With {@code redis-server} on the PATH it starts a private one on
 * a free port (no persistence) that a test can {@link #stop} and {@link #start} again on the same
 * port; otherwise it uses {@code SPIN_TEST_REDIS_URL} or {@code redis://127.0.0.1:6379} if that
 * answers, and fails telling how to get a server. Share one per test class; use distinct keys.
 */
public final class RedisServerFixture implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final boolean owned;
    private Process process;

    private RedisServerFixture(String host, int port, boolean owned) {
        this.host = host;
        this.port = port;
        this.owned = owned;
    }

    public static RedisServerFixture start() throws IOException, InterruptedException {
        String binary = findOnPath("redis-server");
        if (binary != null) {
            RedisServerFixture fixture = new RedisServerFixture("127.0.0.1", freePort(), true);
            fixture.startServer(binary);
            return fixture;
        }
        String url = System.getenv().getOrDefault("SPIN_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        URI uri = URI.create(url);
        RedisServerFixture external = new RedisServerFixture(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), false);
        if (!external.answersPing()) {
            throw new IllegalStateException("These tests need Redis: install redis-server (e.g. apt-get install redis-server) "
                    + "or set SPIN_TEST_REDIS_URL to a running server; nothing answers at " + url);
        }
        return external;
    }

    /** {@code redis://host:port}, as a Spin manifest names a server. */
    public String address() {
        return "redis://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Whether this fixture runs its own server, so that it can stop and restart it. */
    public boolean canRestart() {
        return owned;
    }

    /** Kills the server (SIGKILL, like a crash) and waits until the port is closed. */
    public void stop() throws InterruptedException {
        requireOwned();
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts the server again on the same port (empty: nothing is persisted). */
    public void restart() throws IOException, InterruptedException {
        requireOwned();
        stop();
        startServer(findOnPath("redis-server"));
    }

    private void startServer(String binary) throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", host,
                "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (!answersPing()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(20);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private void requireOwned() {
        if (!owned) {
            throw new IllegalStateException("cannot stop the external Redis server at " + address());
        }
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (owned) {
            stop();
        }
    }
}
