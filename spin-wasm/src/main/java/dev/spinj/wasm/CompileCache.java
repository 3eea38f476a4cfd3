package dev.spinj.wasm;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * Chicory's compiler {@link Cache} on disk: one jar of compiled classes per module digest, so a
 * restart skips compilation (1–3 s for big modules). Entries are written to a temporary file and
 * moved into place atomically, so a concurrent reader or a crash never sees half a jar. The
 * directory is versioned by the compiler that wrote it; another Chicory version starts afresh.
 */
final class CompileCache implements Cache {
    private static final String COMPILER = "chicory-" + compilerVersion();

    private final Path dir;

    CompileCache(Path root) {
        this.dir = root.resolve(COMPILER);
    }

    private static String compilerVersion() {
        String v = com.dylibso.chicory.compiler.MachineFactoryCompiler.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    @Override
    public byte[] get(String key) throws IOException {
        Path file = file(key);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path file = file(key);
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "partial-", ".jar");
        try {
            Files.write(temp, data);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Digests look like {@code sha-256:<base64>}: hex keeps the file name portable. */
    private Path file(String key) {
        return dir.resolve(HexFormat.of().formatHex(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".jar");
    }
}
