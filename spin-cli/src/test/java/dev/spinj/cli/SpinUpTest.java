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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spin up} and {@code spin trigger http} as separate processes, the way a user runs them. */
@Timeout(120)
class SpinUpTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upServesTheHelloExampleAndStopsWithExitCodeZeroOnSigterm() throws Exception {
        int port = SpinProcess.freePort();
        Path cwd = Files.createTempDirectory("spin-up");
        try (SpinProcess spin = SpinProcess.start(cwd, Map.of(), "up", "-f", EXAMPLES.resolve("hello-c/spin.toml").toString(),
                "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(spin.stdout().startsWith("Logging component stdio to \"" + EXAMPLES.resolve("hello-c/.spin/logs") + "/\"\n"
                    + "\nServing http://127.0.0.1:" + port + "\n"), spin.stdout());
            assertTrue(spin.stdout().contains("  hello: http://127.0.0.1:" + port + "/hello\n"), spin.stdout());
            var response = get(port, "/hello");
            assertEquals(200, response.statusCode());
            assertEquals("Hello, Fermyon!\n", response.body());
            spin.terminate();
            assertEquals(0, spin.exitCode(), spin.stderr());
        }
    }

    @Test
    void upAcceptsTheDirectoryHoldingSpinToml() throws Exception {
        int port = SpinProcess.freePort();
        try (SpinProcess spin = SpinProcess.start(EXAMPLES.resolve("wagi-c"), Map.of(), "up", "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertEquals(200, get(port, "/anything?x=1").statusCode());
        }
    }

    @Test
    void upWritesTheLockIntoTheTempDirectoryItIsGiven() throws Exception {
        int port = SpinProcess.freePort();
        Path temp = Files.createTempDirectory("spin-temp");
        try (SpinProcess spin = SpinProcess.start(temp, Map.of(), "up", "-f", EXAMPLES.resolve("hello-c").toString(),
                "--temp", temp.toString(), "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            String lock = Files.readString(temp.resolve("spin.lock"));
            assertTrue(lock.startsWith("{\n  \"spin_lock_version\": 0,"), lock);
            assertTrue(lock.contains("\"id\": \"trigger--hello\""), lock);
        }
    }

    @Test
    void upPassesEnvFlagsToEveryComponent() throws Exception {
        int port = SpinProcess.freePort();
        Path probe = Path.of("..", "spin-trigger-http", "src", "test", "resources", "apps", "abi-probe").toAbsolutePath();
        try (SpinProcess spin = SpinProcess.start(probe, Map.of(), "up", "--env", "GREETING_FROM=cli",
                "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(get(port, "/a/env").body().contains("GREETING_FROM=cli\n"));
            assertTrue(get(port, "/b/env").body().contains("GREETING_FROM=cli\n"));
        }
    }

    /** A lock written by hand for the hello example, and the environment {@code spin up} gives its trigger. */
    private static Map<String, String> handWrittenLock() throws Exception {
        Path dir = Files.createTempDirectory("spin-trigger");
        Path wasm = EXAMPLES.resolve("hello-c/hello.wasm");
        Files.writeString(dir.resolve("spin.lock"), """
                {
                  "spin_lock_version": 0,
                  "metadata": {"name": "by-hand", "version": "1.0.0", "trigger": {"type": "http", "base": "/"}},
                  "triggers": [
                    {"id": "trigger--hi", "trigger_type": "http",
                     "trigger_config": {"component": "hi", "route": "/hi/...", "executor": null}}
                  ],
                  "components": [
                    {"id": "hi", "source": {"content_type": "application/wasm", "source": "%s"}}
                  ]
                }
                """.formatted(wasm.toUri()));
        return Map.of("SPIN_WORKING_DIR", dir.toString(), "SPIN_LOCKED_URL", dir.resolve("spin.lock").toUri().toString());
    }

    @Test
    void triggerRunsFromAHandWrittenLockAndTheEnvironmentAlone() throws Exception {
        int port = SpinProcess.freePort();
        Map<String, String> env = handWrittenLock();
        Path dir = Path.of(env.get("SPIN_WORKING_DIR"));
        try (SpinProcess spin = SpinProcess.start(dir, env, "trigger", "http", "--listen", "127.0.0.1:" + port)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(spin.stdout().contains("  hi: http://127.0.0.1:" + port + "/hi (wildcard)"), spin.stdout());
            assertEquals("Hello, Fermyon!\n", get(port, "/hi/there").body());
            assertEquals("{\n  \"name\": \"by-hand\",\n  \"version\": \"1.0.0\"\n}", get(port, "/.well-known/spin/info").body());
        }
    }

    @Test
    void triggerStartedDirectlyListensOnSpinHttpListenAddr() throws Exception {
        int port = SpinProcess.freePort();
        Map<String, String> env = new HashMap<>(handWrittenLock());
        env.put("SPIN_HTTP_LISTEN_ADDR", "127.0.0.1:" + port);
        try (SpinProcess spin = SpinProcess.start(Path.of(env.get("SPIN_WORKING_DIR")), env, "trigger", "http")) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(spin.stdout().contains("Serving http://127.0.0.1:" + port + "\n"), spin.stdout());
            assertEquals("Hello, Fermyon!\n", get(port, "/hi/there").body());
        }
    }

    @ParameterizedTest(name = "direct mounts: {0}")
    @ValueSource(booleans = {false, true})
    void multiComponentExampleServesBaseExactWildcardAndMountedFiles(boolean directMounts) throws Exception {
        int port = SpinProcess.freePort();
        String[] args = directMounts
                ? new String[] {"up", "--direct-mounts", "--listen", "127.0.0.1:" + port}
                : new String[] {"up", "--listen", "127.0.0.1:" + port};
        try (SpinProcess spin = SpinProcess.start(EXAMPLES.resolve("multi-c"), Map.of(), args)) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertTrue(spin.stdout().contains("  hello: http://127.0.0.1:" + port + "/app/hello\n"), spin.stdout());
            assertTrue(spin.stdout().contains("  static: http://127.0.0.1:" + port + "/app/static (wildcard)\n"), spin.stdout());
            assertEquals(200, get(port, "/app/hello").statusCode());
            assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/hello.txt")), get(port, "/app/static/hello.txt").body());
            assertEquals(404, get(port, "/app/static/nope.txt").statusCode());
            assertTrue(get(port, "/app/anything/else").body().contains("spin-matched-route: /app/..."));
            assertEquals(404, get(port, "/elsewhere").statusCode());
        }
    }

    @Test
    void componentOutputIsEchoedToStderrUnlessQuiet() throws Exception {
        Path probe = Path.of("..", "spin-trigger-http", "src", "test", "resources", "apps", "abi-probe").toAbsolutePath();
        for (boolean quiet : new boolean[] {false, true}) {
            int port = SpinProcess.freePort();
            String[] args = quiet
                    ? new String[] {"up", "--quiet", "--listen", "127.0.0.1:" + port}
                    : new String[] {"up", "--listen", "127.0.0.1:" + port};
            try (SpinProcess spin = SpinProcess.start(probe, Map.of(), args)) {
                spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertEquals("logged", get(port, "/a/stdio").body());
                spin.terminate();
                assertEquals(0, spin.exitCode());
                assertEquals(!quiet, spin.stderr().contains("to-stdout\nto-stderr\n") || spin.stderr().contains("to-stderr\nto-stdout\n"),
                        spin.stderr());
            }
        }
    }

    @Test
    void upHelpListsTheTriggerOptionsToo() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "up", "--help")) {
            assertEquals(0, spin.exitCode());
            assertTrue(spin.stdout().contains("-f, --from=<APPLICATION>"), spin.stdout());
            assertTrue(spin.stdout().contains("--listen=<ADDRESS>"), spin.stdout());
            assertTrue(spin.stdout().contains("--follow=<ID>"), spin.stdout());
        }
    }

    @Test
    void versionNamesTheSpinReleaseItFollows() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "--version")) {
            assertEquals(0, spin.exitCode());
            assertTrue(spin.stdout().startsWith("spin 1.5.1 (spinj "), spin.stdout());
        }
    }
}
