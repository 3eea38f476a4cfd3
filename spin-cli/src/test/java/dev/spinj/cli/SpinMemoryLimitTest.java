package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A module declaring more initial memory than {@code --max-instance-memory} never starts (issue 9.5). */
@Timeout(120)
class SpinMemoryLimitTest {
    private static final Path APPS = Path.of("src/test/resources/apps").toAbsolutePath();

    @Test
    void moduleDeclaring4GiBIsRefusedAtStartupNamingComponentSizeAndCap() throws Exception {
        try (SpinProcess spin = SpinProcess.start(APPS, Map.of(), "up", "-f", APPS.resolve("huge-memory").toString(),
                "--listen", "127.0.0.1:0", "--max-instance-memory", "64MiB")) {
            assertEquals(1, spin.exitCode());
            String err = spin.stderr();
            assertTrue(err.startsWith("Error: Failed to prepare the HTTP trigger\n\nCaused by:\n"
                    + "   0: Failed to load component 'huge'\n   1: "), err);
            assertTrue(err.endsWith("guest.wasm declares an initial memory of 65536 pages (4 GiB), above the per-instance "
                    + "limit of 1024 pages (64 MiB, --max-instance-memory)\n"), err);
            assertFalse(spin.stdout().contains("Serving"), spin.stdout());
        }
    }

    @Test
    void spinMaxInstanceMemoryInTheEnvironmentSetsTheCapInBytes() throws Exception {
        try (SpinProcess spin = SpinProcess.start(APPS, Map.of("SPIN_MAX_INSTANCE_MEMORY", String.valueOf(32L << 20)), "up",
                "-f", APPS.resolve("huge-memory").toString(), "--listen", "127.0.0.1:0")) {
            assertEquals(1, spin.exitCode());
            String err = spin.stderr();
            assertTrue(err.endsWith("above the per-instance limit of 512 pages (32 MiB, --max-instance-memory)\n"), err);
        }
    }
}
