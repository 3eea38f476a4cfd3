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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code spin new}, {@code spin templates list} and the bundled templates, as a new user runs them. */
@Timeout(180)
class SpinNewTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static String get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static SpinProcess spin(Path cwd, String... args) throws Exception {
        return SpinProcess.start(cwd, Map.of(), args);
    }

    private static void run(Path cwd, String... args) throws Exception {
        try (SpinProcess spin = spin(cwd, args)) {
            assertEquals(0, spin.exitCode(), spin.stdout() + spin.stderr());
        }
    }

    @Test
    void templatesListPrintsATableOfEveryBundledTemplate() throws Exception {
        try (SpinProcess spin = spin(Files.createTempDirectory("spin-templates"), "templates", "list")) {
            assertEquals(0, spin.exitCode(), spin.stderr());
            String[] lines = spin.stdout().split("\n");
            assertTrue(lines[0].matches("Name +Description"), spin.stdout());
            for (String id : new String[] {"http-c", "wagi-c", "redis-c", "http-wat", "http-rust"}) {
                assertTrue(spin.stdout().lines().anyMatch(l -> l.startsWith(id + " ") && l.length() > id.length() + 10),
                        id + " missing: " + spin.stdout());
            }
        }
    }

    @Test
    void newThenBuildUpServesTheHttpCTemplateResponse() throws Exception {
        Toolchains.require("clang");
        Path cwd = Files.createTempDirectory("spin-new");
        run(cwd, "new", "-t", "http-c", "hello", "--accept-defaults");
        int port = SpinProcess.freePort();
        try (SpinProcess spin = spin(cwd.resolve("hello"), "build", "--up", "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(90));
            assertTrue(spin.stdout().startsWith("Building component hello with `clang "), spin.stdout());
            assertTrue(spin.stdout().contains("Finished building all Spin components\n"), spin.stdout());
            assertEquals("Hello, Fermyon!\n", get(port, "/"));
        }
    }

    @Test
    void newSubstitutesTheNameAndValuesIntoTheManifest() throws Exception {
        Path cwd = Files.createTempDirectory("spin-new");
        run(cwd, "new", "http-c", "My App", "--value", "http-path=/api/...", "-o", "out");
        String manifest = Files.readString(cwd.resolve("out/spin.toml"));
        assertTrue(manifest.contains("name = \"My App\""), manifest);
        assertTrue(manifest.contains("id = \"my-app\""), manifest);
        assertTrue(manifest.contains("source = \"my_app.wasm\""), manifest);
        assertTrue(manifest.contains("route = \"/api/...\""), manifest);
        assertTrue(Files.isRegularFile(cwd.resolve("out/src/spin_http.h")));
    }

    @Test
    void newRefusesAnUnknownTemplateAndNamesTheKnownOnes() throws Exception {
        try (SpinProcess spin = spin(Files.createTempDirectory("spin-new"), "new", "http-cobol", "x")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().startsWith("Error: Unknown template 'http-cobol'; run `spin templates list`"), spin.stderr());
            assertTrue(spin.stderr().contains("http-c, wagi-c, redis-c, http-wat, http-rust"), spin.stderr());
        }
    }

    @Test
    void newRefusesToWriteIntoANonEmptyDirectory() throws Exception {
        Path cwd = Files.createTempDirectory("spin-new");
        Files.createDirectories(cwd.resolve("taken"));
        Files.writeString(cwd.resolve("taken/keep.txt"), "mine");
        try (SpinProcess spin = spin(cwd, "new", "http-c", "taken")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("already exists and is not empty"), spin.stderr());
            assertEquals("mine", Files.readString(cwd.resolve("taken/keep.txt")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http-c, /anything, 'Hello, Fermyon!'",
        "wagi-c, /anything, Hello from WAGI",
        "http-wat, /anything, Hello from WAT!",
        "http-rust, /anything, Hello from Rust!",
    })
    void eachHttpTemplateBuildsAndServes(String templateId, String path, String expectedLine) throws Exception {
        Toolchains.require(Toolchains.forTemplate(templateId));
        Path cwd = Files.createTempDirectory("spin-template");
        run(cwd, "new", templateId, "app", "--accept-defaults");
        int port = SpinProcess.freePort();
        try (SpinProcess spin = spin(cwd.resolve("app"), "up", "--build", "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(90));
            String body = get(port, path);
            assertTrue(body.lines().anyMatch(expectedLine::equals), body);
        }
    }

    @Test
    void redisTemplateBuilds() throws Exception {
        Toolchains.require("clang");
        Path cwd = Files.createTempDirectory("spin-template");
        run(cwd, "new", "redis-c", "listener", "--accept-defaults");
        run(cwd.resolve("listener"), "build");
        assertTrue(Files.size(cwd.resolve("listener/listener.wasm")) > 0);
    }
}
