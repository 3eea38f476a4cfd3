package dev.spinj.wasm.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Mosquitto broker for tests on a free loopback port, optionally requiring a user name
 * and password (a {@code mosquitto_passwd} file). Its log ({@code log_type all}) is kept so that a
 * test can see what the broker saw, e.g. a client disconnecting. Fails naming the Debian package
 * when the binaries are missing.
 */
public final class MosquittoFixture implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final Process process;

    private MosquittoFixture(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** A broker that lets anyone in. */
    public static MosquittoFixture start() throws IOException, InterruptedException {
        return start(null, null);
    }

    /** A broker that lets in only {@code user} with {@code password}. */
    public static MosquittoFixture startWithPassword(String user, String password) throws IOException, InterruptedException {
        return start(user, password);
    }

    private static MosquittoFixture start(String user, String password) throws IOException, InterruptedException {
        String broker = require("mosquitto");
        Path dir = Files.createTempDirectory("spinj-mosquitto");
        int port = freePort();
        StringBuilder conf = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("persistence false\n")
                // A file log is flushed line by line; stdout into a pipe or file would be block-buffered.
                .append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n')
                .append("log_type all\n")
                // Run as root, Mosquitto switches to its own user, which cannot read our temp files.
                .append("user ").append(System.getProperty("user.name")).append('\n');
        if (user == null) {
            conf.append("allow_anonymous true\n");
        } else {
            Path passwords = dir.resolve("passwords");
            run(List.of(require("mosquitto_passwd"), "-c", "-b", passwords.toString(), user, password));
            conf.append("allow_anonymous false\n").append("password_file ").append(passwords).append('\n');
        }
        Path confFile = Files.writeString(dir.resolve("mosquitto.conf"), conf.toString());
        Process process = new ProcessBuilder(List.of(broker, "-c", confFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        MosquittoFixture fixture = new MosquittoFixture(dir, port, process);
        fixture.awaitListening();
        return fixture;
    }

    public int port() {
        return port;
    }

    /** A Spin MQTT address of this broker for {@code clientId}. */
    public String address(String clientId) {
        return "mqtt://127.0.0.1:" + port + "?client_id=" + clientId;
    }

    /** paho's URI of this broker. */
    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** What the broker logged so far. */
    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits (generously) until the broker logged {@code line}; fails with the log otherwise. */
    public void awaitLog(String line) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (!log().contains(line)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("mosquitto did not log \"" + line + "\"; its log:\n" + log());
            }
            Thread.sleep(20);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (!accepts()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("mosquitto did not start on port " + port + "; it said:\n"
                        + Files.readString(dir.resolve("mosquitto.out")) + log());
            }
            Thread.sleep(20);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static String require(String name) {
        for (String path : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin")
                .split(File.pathSeparator)) {
            Path candidate = Path.of(path, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("These tests need " + name + " (Debian package `mosquitto`: apt-get install mosquitto)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
