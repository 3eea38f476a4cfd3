package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --help} output, and usage errors: picocli's message, the usage, exit code 2 (as clap does for Spin). */
@Timeout(120)
class SpinHelpTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @Test
    void spinHelpListsTheUpCommand() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "--help")) {
            assertEquals(0, spin.exitCode());
            assertTrue(spin.stdout().startsWith("Usage: spin "), spin.stdout());
            assertTrue(spin.stdout().contains("\n  up "), spin.stdout());
        }
    }

    @Test
    void upHelpListsTheAppSourcesAndTheTlsOptions() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "up", "--help")) {
            assertEquals(0, spin.exitCode());
            String help = spin.stdout();
            assertTrue(help.contains("-f, --from=<APPLICATION>"), help);
            assertTrue(help.contains("or a .wasm file"), help);
            assertTrue(help.contains("or a registry reference"), help);
            assertTrue(help.contains("-k, --insecure             Pull an application from a registry"), help);
            assertTrue(help.contains("--tls-cert=<TLS_CERT>"), help);
            assertTrue(help.contains("--tls-key=<TLS_KEY>"), help);
            assertTrue(help.contains("SPIN_TLS_CERT"), help);
        }
    }

    /**
     * {@code spin up}'s own options, byte for byte (golden/up-help.txt), then the trigger options
     * it passes through, which include the Spin 3/4 flags handled by the trigger.
     */
    @Test
    void upHelpGolden() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "up", "--help")) {
            assertEquals(0, spin.exitCode());
            String help = spin.stdout();
            int triggerSection = help.indexOf("Trigger options (passed through to `spin trigger http`):\n");
            assertTrue(triggerSection > 0, help);
            String golden = Files.readString(Path.of("src", "test", "resources", "golden", "up-help.txt"));
            assertEquals(golden, help.substring(0, triggerSection));
            String triggerOptions = help.substring(triggerSection);
            for (String option : List.of("--variable=<VARIABLES>", "--truncate-logs", "--listen=<ADDRESS>",
                    "-L, --log-dir=<APP_LOG_DIR>", "--runtime-config-file=<RUNTIME_CONFIG_FILE>")) {
                assertTrue(triggerOptions.contains(option), option + " in " + triggerOptions);
            }
        }
    }

    @Test
    void unknownUpFlagGoesToTheTriggerWhichRejectsItWithUsageAndExitCode2() throws Exception {
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), "up", "-f", EXAMPLES.resolve("hello-c").toString(), "--nope")) {
            assertEquals(2, spin.exitCode());
            assertTrue(spin.stderr().startsWith("Unknown option: '--nope'\nUsage: spin trigger http "), spin.stderr());
        }
    }
}
