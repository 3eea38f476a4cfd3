package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JVM options {@code spin up} starts its HTTP trigger with: sized by default, replaced by the flag. */
@Timeout(120)
class TriggerJvmOptionsTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static List<String> triggerArguments(String... extraUpArgs) throws Exception {
        int port = SpinProcess.freePort();
        List<String> args = new java.util.ArrayList<>(List.of("up", "-f", EXAMPLES.resolve("hello-c/spin.toml").toString(),
                "--listen", "127.0.0.1:" + port));
        args.addAll(List.of(extraUpArgs));
        try (SpinProcess spin = SpinProcess.start(EXAMPLES, Map.of(), args.toArray(String[]::new))) {
            spin.awaitStdout("Available Routes:", Duration.ofSeconds(60));
            List<List<String>> children = spin.childCommandLines();
            return children.stream()
                    .filter(command -> command.contains("trigger") && command.contains("http"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no trigger child in " + children));
        }
    }

    @Test
    void theTriggerRunsInASizedSerialCollectedHeap() throws Exception {
        List<String> trigger = triggerArguments();

        assertTrue(trigger.contains("-XX:+UseSerialGC"), trigger.toString());
        assertTrue(trigger.stream().anyMatch(a -> a.matches("-Xmx\\d+m")), trigger.toString());
    }

    @Test
    void triggerJvmOptionsReplaceTheSizedHeapAndCollector() throws Exception {
        List<String> trigger = triggerArguments("--trigger-jvm-options", "-Xmx300m -XX:+UseParallelGC");

        assertTrue(trigger.containsAll(List.of("-Xmx300m", "-XX:+UseParallelGC")), trigger.toString());
        assertFalse(trigger.contains("-XX:+UseSerialGC"), trigger.toString());
    }
}
