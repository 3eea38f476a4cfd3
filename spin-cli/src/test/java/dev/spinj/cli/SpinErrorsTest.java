package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors as Spin prints them: {@code Error: <what>}, a blank line, {@code Caused by:} and the cause
 * indented six spaces; exit code 1; no server started.
 */
@Timeout(120)
class SpinErrorsTest {
    private static final Path APPS = Path.of("src/test/resources/apps").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing-component | missing field `component` at line 1 column 1",
        "duplicate-id      | cannot have duplicate component IDs: hello",
        "unknown-key       | unknown field `colour`, expected one of `source`, `description`, `files`, `exclude_files`, "
                + "`allowed_http_hosts`, `key_value_stores`, `sqlite_databases`, `ai_models`, `environment`, `build`, "
                + "`id`, `trigger`, `config` for key `component.colour` at line 9 column 1",
        "bad-route         | invalid type: integer `42`, expected a string for key `component.trigger.route` at line 10 column 1",
    })
    void badManifestIsAnErrorNamingTheFileAndTheCause(String app, String cause) throws Exception {
        Path manifest = APPS.resolve(app).resolve("spin.toml");
        try (SpinProcess spin = SpinProcess.start(APPS, Map.of(), "up", "-f", manifest.toString(), "--listen", "127.0.0.1:0")) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: Cannot read spin.toml manifest from \"" + manifest + "\"\n\nCaused by:\n      " + cause + "\n",
                    spin.stderr());
            assertFalse(spin.stdout().contains("Serving"), spin.stdout());
        }
    }

    @Test
    void componentImportingAFunctionNoSpinProvidesIsRefusedAtStartup() throws Exception {
        try (SpinProcess spin = SpinProcess.start(APPS, Map.of(), "up", "-f", APPS.resolve("unknown-import").toString(),
                "--listen", "127.0.0.1:0")) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: Failed to prepare the HTTP trigger\n\nCaused by:\n      Failed to instantiate component "
                    + "'needs-experimental-http': unknown import 'wasi_experimental_http' 'req' "
                    + "(no such function in Spin 1.x or WASI preview 1)\n", spin.stderr());
            assertFalse(spin.stdout().contains("Serving"), spin.stdout());
        }
    }

    @Test
    void missingDefaultManifestSaysWhatToRun() throws Exception {
        try (SpinProcess spin = SpinProcess.start(Files.createTempDirectory("empty"), Map.of(), "up")) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: Default file 'spin.toml' not found. Run `spin up --from <APPLICATION>`, "
                    + "or `spin up --help` for usage.\n", spin.stderr());
        }
    }

    @Test
    void triggerWithoutItsEnvironmentNamesTheMissingVariable() throws Exception {
        try (SpinProcess spin = SpinProcess.start(APPS, Map.of(), "trigger", "http")) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: SPIN_WORKING_DIR\n\nCaused by:\n      environment variable not found\n", spin.stderr());
        }
    }

    @Test
    void listenAddressInUseIsAnErrorNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                SpinProcess spin = SpinProcess.start(APPS, Map.of(), "up", "-f", EXAMPLES.resolve("hello-c").toString(),
                        "--listen", "127.0.0.1:" + taken.getLocalPort())) {
            assertEquals(1, spin.exitCode());
            // Spin 4's wording (SPEC2 6.2), checked by `spin up` before the trigger starts
            assertEquals("Error: 127.0.0.1:" + taken.getLocalPort() + " is already in use. To have Spin search for a"
                    + " free port, use the --find-free-port option.\n", spin.stderr());
        }
    }

    @Test
    void malformedEnvFlagIsRejected() throws Exception {
        try (SpinProcess spin = SpinProcess.start(APPS, Map.of(), "up", "-f", APPS.resolve("unknown-import").toString(),
                "--env", "NOEQUALS")) {
            assertEquals(1, spin.exitCode());
            assertEquals("Error: Invalid value 'NOEQUALS' for '--env <ENV>'\n\nCaused by:\n"
                    + "      Environment variable must be of the form `key=value`\n", spin.stderr());
        }
    }
}
