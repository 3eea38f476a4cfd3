package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Spin 3/4 {@code spin up} flags (SPEC2 6.6, 6.7) as a user types them: the host-probe guest
 * (spin-trigger-http's test guest, built from its host_probe.c) answers {@code /config} with the
 * resolved component variables.
 */
@Timeout(120)
class SpinUpFlagsTest {
    private static final Path PROBE = Path.of("..", "spin-trigger-http", "src", "test", "resources", "apps", "host-probe",
            "host_probe_a.wasm").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A v2 app: "probe" on /..., "other" on /other/...; {@code extra} is appended. */
    private static Path app(String extra) throws Exception {
        Path dir = Files.createTempDirectory("spin-up-flags");
        Files.writeString(dir.resolve("spin.toml"), """
                spin_manifest_version = 2

                [application]
                name = "up-flags"

                [variables]
                greeting = { default = "hello" }
                object = { required = true }

                [[trigger.http]]
                route = "/..."
                component = "probe"

                [[trigger.http]]
                route = "/other/..."
                component = "other"

                [component.probe]
                source = "%1$s"
                variables = { message = "{{ greeting }} {{ object }}" }

                [component.other]
                source = "%1$s"
                """.formatted(PROBE) + extra);
        return dir;
    }

    private static SpinProcess up(Path dir, Map<String, String> env, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "-f", dir.resolve("spin.toml").toString()));
        args.addAll(List.of(flags));
        return SpinProcess.start(dir, env, args.toArray(String[]::new));
    }

    private static String config(int port, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/config"))
                .POST(HttpRequest.BodyPublishers.ofString(key)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body().trim();
    }

    @Test
    void variableFlagsInEveryFormBeatTheEnvironmentAndDefaults() throws Exception {
        Path dir = app("");
        Files.writeString(dir.resolve("object.txt"), "from a file");
        Files.writeString(dir.resolve("vars.json"), "{ \"greeting\": \"hi from json\" }");
        Files.writeString(dir.resolve("vars.toml"), "greeting = \"hi from toml\"\n");
        int port = SpinProcess.freePort();
        try (SpinProcess spin = up(dir, Map.of("SPIN_VARIABLE_OBJECT", "from env"), "--listen", "127.0.0.1:" + port,
                "--variable", "@vars.json", "--variable", "object=@object.txt", "--variable", "@vars.toml")) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertEquals("ok hi from toml from a file", config(port, "message"));
        }
    }

    @Test
    void variableFileWithAnotherExtensionIsRefused() throws Exception {
        Path dir = app("");
        Files.writeString(dir.resolve("vars.yaml"), "object: x\n");
        try (SpinProcess spin = up(dir, Map.of(), "--variable", "@vars.yaml")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("variable files must end in .json or .toml"), spin.stderr());
        }
    }

    @Test
    void componentIdRunsOnlyThatComponentAndItsTriggers() throws Exception {
        Path dir = app("");
        int port = SpinProcess.freePort();
        try (SpinProcess spin = up(dir, Map.of(), "--listen", "127.0.0.1:" + port, "-c", "probe", "--variable", "object=x")) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            Thread.sleep(200); // the route lines follow the header
            assertTrue(spin.stdout().contains("  probe: http://127.0.0.1:" + port + " (wildcard)"), spin.stdout());
            assertFalse(spin.stdout().contains("other"), spin.stdout());
        }
    }

    @Test
    void unknownComponentIdIsRefused() throws Exception {
        try (SpinProcess spin = up(app(""), Map.of(), "--component-id", "nope")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("Specified component \"nope\" not found in application"), spin.stderr());
        }
    }

    @Test
    void selectedComponentMayNotChainToAnUnselectedOne() throws Exception {
        Path dir = app("allowed_outbound_hosts = [\"http://probe.spin.internal\"]\n");
        try (SpinProcess spin = up(dir, Map.of(), "-c", "other")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("Selected component 'other' cannot use service chaining to unselected"
                    + " component: allowed_outbound_hosts = [\"http://probe.spin.internal\"]"), spin.stderr());
        }
    }

    @Test
    void occupiedPortIsRefusedOrSkippedWithFindFreePort() throws Exception {
        Path dir = app("");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String address = "127.0.0.1:" + taken.getLocalPort();
            try (SpinProcess spin = up(dir, Map.of(), "--listen", address, "--variable", "object=x")) {
                assertEquals(1, spin.exitCode());
                assertTrue(spin.stderr().contains(address + " is already in use. To have Spin search for a free port,"
                        + " use the --find-free-port option."), spin.stderr());
            }
            try (SpinProcess spin = up(dir, Map.of(ListenAddressChoice.ENV, address), "--find-free-port",
                    "--variable", "object=x")) {
                spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertFalse(spin.stdout().contains("Serving http://" + address + "\n"), spin.stdout());
                assertTrue(spin.stdout().contains("Serving http://127.0.0.1:"), spin.stdout());
            }
        }
    }

    @Test
    void listenAddressComesFromTheEnvironment() throws Exception {
        int port = SpinProcess.freePort();
        try (SpinProcess spin = up(app(""), Map.of(ListenAddressChoice.ENV, "127.0.0.1:" + port), "--variable", "object=x")) {
            spin.awaitStdout("Serving http://127.0.0.1:" + port + "\n", Duration.ofSeconds(60));
            assertEquals("ok hello x", config(port, "message"));
        }
    }

    @Test
    void truncateLogsEmptiesEarlierLogs() throws Exception {
        Path dir = app("");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("probe_stdout.txt"), "an earlier run\n");
        Files.writeString(logs.resolve("keep.txt"), "not a log\n");
        int port = SpinProcess.freePort();
        try (SpinProcess spin = up(dir, Map.of(), "--listen", "127.0.0.1:" + port, "-L", logs.toString(), "--truncate-logs",
                "--variable", "object=x")) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertEquals("", Files.readString(logs.resolve("probe_stdout.txt")));
            assertEquals("not a log\n", Files.readString(logs.resolve("keep.txt")));
        }
    }

    @Test
    void alwaysBuildRunsTheProfilesBuildCommandsInOrder() throws Exception {
        Path dir = app("""
                [component.other.build]
                command = ["echo one > built.txt", "echo two >> built.txt"]
                [component.other.profile.debug]
                build = { command = "echo debug > built.txt" }
                """);
        int port = SpinProcess.freePort();
        try (SpinProcess spin = up(dir, Map.of(UpCommand.ALWAYS_BUILD_ENV, "1"), "--listen", "127.0.0.1:" + port,
                "--variable", "object=x")) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            assertEquals("one\ntwo\n", Files.readString(dir.resolve("built.txt")));
        }
        try (SpinProcess spin = SpinProcess.start(dir, Map.of(), "build", "--profile", "debug")) {
            assertEquals(0, spin.exitCode(), spin.stderr());
            assertEquals("debug\n", Files.readString(dir.resolve("built.txt")));
        }
        try (SpinProcess spin = up(dir, Map.of(), "--build", "--profile", "release")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("Profile release is not defined in this application"), spin.stderr());
        }
    }

    @Test
    void dependenciesOfASpin1ModuleAreRefusedAtStartup() throws Exception {
        Path dir = app("""
                [component.other.dependencies]
                "spinj:lib/greeting" = { path = "%s" }
                """.formatted(PROBE));
        try (SpinProcess spin = up(dir, Map.of(), "--listen", "127.0.0.1:" + SpinProcess.freePort(), "--variable", "object=x")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().contains("it is a Spin 1.x module with dependencies (spinj:lib/greeting); spinj composes"
                    + " dependencies into components only"), spin.stderr());
        }
    }
}
