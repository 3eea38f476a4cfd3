package dev.spinj.wasm.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * COMPONENTS.md §2: services hold Spin's capabilities with no wasm in them, so that the 1.x ABI
 * and component bindings share them. No Chicory, no guest memory or ABI, no host-call context.
 */
class ServicesArchitectureTest {
    private static final List<String> FORBIDDEN = List.of("import com.dylibso.", "import dev.spinj.wasm.abi.",
            "import dev.spinj.wasm.host.HostContext", "import dev.spinj.wasm.host.HostImport");

    @Test
    void servicesImportNoWasmMachinery() throws IOException {
        List<String> violations;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/spinj/wasm/services"))) {
            violations = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).stream().filter(l -> FORBIDDEN.stream().anyMatch(l::startsWith))
                            .map(l -> f.getFileName() + ": " + l))
                    .toList();
        }
        assertEquals(List.of(), violations);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
