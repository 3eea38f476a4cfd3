package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The compilers the templates' build commands call. A missing one fails the test with the
 * Debian packages to install (what {@code .ci/run} installs), rather than skipping it silently.
 */
final class Toolchains {
    private static final Map<String, String> PACKAGES = Map.of(
            "clang", "clang lld wasi-libc libclang-rt-14-dev-wasm32",
            "wat2wasm", "wabt",
            "/usr/bin/rustc", "rustc libstd-rust-dev-wasm32");

    private Toolchains() {}

    /** The toolchain a template's build command needs. */
    static String forTemplate(String templateId) {
        return switch (templateId) {
            case "http-wat" -> "wat2wasm";
            case "http-rust" -> "/usr/bin/rustc";
            default -> "clang";
        };
    }

    static void require(String tool) {
        if (!installed(tool)) {
            fail(tool + " is not installed; install it with `apt-get install " + PACKAGES.get(tool) + "` (as .ci/run does)");
        }
    }

    private static boolean installed(String tool) {
        if (tool.startsWith("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
