package dev.spinj.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps dev.spinj.cm reusable: it may use the JDK, Chicory's runtime and wasm packages, and
 * itself; never Spin, WASI, HTTP or any other spinj module. Scans the sources for imports and
 * fully qualified names, so a violation fails the build before it can be merged.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/spinj/cm");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:dev\\.spinj|com\\.dylibso|io\\.netty|io\\.lettuce|java\\.net\\.http|org\\.slf4j)\\.[\\w.]+)");
    private static final List<String> ALLOWED = List.of(
            "java.", "dev.spinj.cm.", "com.dylibso.chicory.runtime.", "com.dylibso.chicory.wasm.");
    private static final List<String> FORBIDDEN_WORDS = List.of("wasi", "http", "spin.", "loader", "trigger", "redis");

    @Test
    void componentModelDependsOnlyOnTheJdkChicoryAndItself() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 20, "expected the module's sources under " + SOURCES.toAbsolutePath());
        for (Path file : files) {
            String src = Files.readString(file);
            check(file, IMPORT.matcher(src), violations);
            check(file, QUALIFIED.matcher(src), violations);
        }
        assertEquals(List.of(), violations);
    }

    private static void check(Path file, Matcher m, List<String> violations) {
        while (m.find()) {
            String name = m.group(1);
            boolean allowed = ALLOWED.stream().anyMatch(name::startsWith)
                    && FORBIDDEN_WORDS.stream().noneMatch(w -> name.toLowerCase(java.util.Locale.ROOT).contains(w));
            if (!allowed) {
                violations.add(file.getFileName() + " refers to " + name);
            }
        }
    }
}
