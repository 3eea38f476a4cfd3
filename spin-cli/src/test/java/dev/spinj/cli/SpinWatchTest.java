package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code spin watch} on a template-generated app: edit the source, the app answers differently. */
@Timeout(180)
class SpinWatchTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The body at {@code path}, or null while nothing answers (the app is restarting). */
    private static String tryGet(int port) throws InterruptedException {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        }
    }

    private static void awaitBody(int port, String expected, Duration timeout, SpinProcess spin) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = tryGet(port);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected '" + expected + "', last answer '" + last + "'\nstdout: " + spin.stdout()
                + "\nstderr: " + spin.stderr());
    }

    private static Path newHttpCApp() throws Exception {
        Toolchains.require("clang");
        Path cwd = Files.createTempDirectory("spin-watch");
        try (SpinProcess spin = SpinProcess.start(cwd, Map.of(), "new", "http-c", "watched", "--accept-defaults")) {
            assertEquals(0, spin.exitCode(), spin.stderr());
        }
        return cwd.resolve("watched");
    }

    private static void replaceInSource(Path app, String from, String to) throws IOException {
        Path source = app.resolve("src/main.c");
        Files.writeString(source, Files.readString(source).replace(from, to));
    }

    @Test
    void watchRebuildsAndRestartsWhenTheSourceChanges() throws Exception {
        Path app = newHttpCApp();
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(app, Map.of(), "watch", "--", "--listen", "127.0.0.1:" + port)) {
            awaitBody(port, "Hello, Fermyon!\n", Duration.ofSeconds(90), spin);
            replaceInSource(app, "Hello, Fermyon!", "Hello, watcher!");
            awaitBody(port, "Hello, watcher!\n", Duration.ofSeconds(30), spin);
        }
    }

    @Test
    void watchKeepsTheOldAppServingWhenABuildFails() throws Exception {
        Path app = newHttpCApp();
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(app, Map.of(), "watch", "--", "--listen", "127.0.0.1:" + port)) {
            awaitBody(port, "Hello, Fermyon!\n", Duration.ofSeconds(90), spin);
            replaceInSource(app, "spin_response_set_status(res, 200);", "this is not C;");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!spin.stderr().contains("Error: Build command for component watched failed")) {
                assertTrue(Instant.now().isBefore(deadline), "no build error reported: " + spin.stderr());
                Thread.sleep(100);
            }
            assertEquals("Hello, Fermyon!\n", tryGet(port));
        }
    }

    @Test
    void watchStopsItsAppAndExitsZeroOnSigterm() throws Exception {
        Path app = newHttpCApp();
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(app, Map.of(), "watch", "--", "--listen", "127.0.0.1:" + port)) {
            awaitBody(port, "Hello, Fermyon!\n", Duration.ofSeconds(90), spin);
            spin.terminate();
            assertEquals(0, spin.exitCode(), spin.stderr());
            assertEquals(null, tryGet(port));
            assertTrue(spin.handle().descendants().findAny().isEmpty());
        }
    }
}
