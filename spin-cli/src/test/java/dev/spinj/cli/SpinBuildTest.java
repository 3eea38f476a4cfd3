package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code spin build}: each component's build command, in manifest order, in its workdir. */
@Timeout(60)
class SpinBuildTest {
    private static final String HEADER = """
            spin_manifest_version = "1"
            name = "build-test"
            version = "1.0.0"
            trigger = { type = "http", base = "/" }
            """;

    private static String component(String id, String build) {
        return "\n[[component]]\nid = \"" + id + "\"\nsource = \"" + id + ".wasm\"\n[component.trigger]\nroute = \"/" + id + "\"\n"
                + (build == null ? "" : "[component.build]\n" + build + "\n");
    }

    private static Path app(String... components) throws Exception {
        Path dir = Files.createTempDirectory("spin-build");
        Files.writeString(dir.resolve("spin.toml"), HEADER + String.join("", components));
        return dir;
    }

    @Test
    void buildStopsAtTheFirstFailingCommandWithItsExitCode() throws Exception {
        Path dir = app(component("first", "command = \"echo built first > first.txt\""),
                component("second", "command = \"echo broken >&2; exit 3\""),
                component("third", "command = \"touch third.txt\""));
        try (SpinProcess spin = SpinProcess.start(dir, Map.of(), "build")) {
            assertEquals(3, spin.exitCode(), spin.stderr());
            assertTrue(spin.stdout().startsWith("Building component first with `echo built first > first.txt`\n"
                    + "Building component second with `echo broken >&2; exit 3`\n"), spin.stdout());
            assertTrue(spin.stderr().startsWith("broken\nError: Build command for component second failed with exit code 3\n"),
                    spin.stderr());
            assertEquals("built first\n", Files.readString(dir.resolve("first.txt")));
            assertFalse(Files.exists(dir.resolve("third.txt")));
            assertFalse(spin.stdout().contains("Finished building"), spin.stdout());
        }
    }

    @Test
    void buildRunsOnlyTheComponentsNamedWithComponentId() throws Exception {
        Path dir = app(component("first", "command = \"touch first.txt\""), component("second", "command = \"touch second.txt\""));
        try (SpinProcess spin = SpinProcess.start(dir, Map.of(), "build", "-c", "second")) {
            assertEquals(0, spin.exitCode(), spin.stderr());
        }
        assertFalse(Files.exists(dir.resolve("first.txt")));
        assertTrue(Files.exists(dir.resolve("second.txt")));
    }

    @Test
    void buildSkipsComponentsWithoutABuildSection() throws Exception {
        Path dir = app(component("prebuilt", null), component("built", "command = \"true\""));
        try (SpinProcess spin = SpinProcess.start(dir, Map.of(), "build")) {
            assertEquals(0, spin.exitCode(), spin.stderr());
            assertEquals("No build command for component prebuilt\n"
                    + "Building component built with `true`\n"
                    + "Finished building all Spin components\n", spin.stdout());
        }
    }

    @Test
    void buildRunsEachCommandInItsWorkdirRelativeToTheManifest() throws Exception {
        Path dir = app(component("nested", "command = \"pwd -P > where.txt\"\nworkdir = \"sub/dir\""));
        Files.createDirectories(dir.resolve("sub/dir"));
        Path elsewhere = Files.createTempDirectory("spin-build-cwd");
        try (SpinProcess spin = SpinProcess.start(elsewhere, Map.of(), "build", "--from", dir.toString())) {
            assertEquals(0, spin.exitCode(), spin.stderr());
        }
        assertEquals(dir.resolve("sub/dir").toRealPath().toString(), Files.readString(dir.resolve("sub/dir/where.txt")).strip());
    }

    @Test
    void buildRefusesAnUnknownComponentId() throws Exception {
        Path dir = app(component("only", "command = \"true\""));
        try (SpinProcess spin = SpinProcess.start(dir, Map.of(), "build", "-c", "nope")) {
            assertEquals(1, spin.exitCode());
            assertTrue(spin.stderr().startsWith("Error: Unknown component(s) nope in "), spin.stderr());
        }
    }
}
