package dev.spinj.loader.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Pulled artifacts on disk, in Spin's layout ({@code crates/loader/src/cache.rs}) so that Spin and
 * spinj warm one cache: {@code wasm/<digest>}, {@code data/<digest>} and
 * {@code manifests/<registry>/<repository>/<tag>/{manifest,config}.json}. A blob is written to a
 * temporary file beside its final name and moved there only once its digest has been verified, so
 * a present blob is a verified one, and concurrent pulls of the same blob are harmless.
 */
public final class RegistryCache {
    private final Path root;

    public RegistryCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code $XDG_CACHE_HOME/spin/registry}, else {@code ~/.cache/spin/registry}: where Spin keeps it. */
    public static RegistryCache inUserCache(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cacheHome = xdg == null || xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return new RegistryCache(cacheHome.resolve("spin").resolve("registry"));
    }

    public Path root() {
        return root;
    }

    public Path wasm(String digest) throws IOException {
        return root.resolve("wasm").resolve(Digests.requireValid(digest));
    }

    public Path data(String digest) throws IOException {
        return root.resolve("data").resolve(Digests.requireValid(digest));
    }

    /** A digest-only reference has no tag and is kept under {@code latest}, as Spin does. */
    public Path manifestDir(Reference reference) {
        return root.resolve("manifests").resolve(reference.registry()).resolve(reference.repository())
                .resolve(reference.tag() != null ? reference.tag() : "latest");
    }

    /** What writes a blob's content (and verifies it, throwing if it is wrong). */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Stores content at {@code target} unless it is there already; nothing is left behind on failure. */
    public Path store(Path target, Content content) throws IOException {
        return Files.isRegularFile(target) ? target : moveIntoPlace(target, content);
    }

    /** Replaces {@code target} (a manifest, which tags move between) atomically. */
    public void write(Path target, byte[] bytes) throws IOException {
        moveIntoPlace(target, out -> out.write(bytes));
    }

    private static Path moveIntoPlace(Path target, Content content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName().toString().replace(':', '_'), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stores content whose digest is learnt by reading it (a file from an archive layer) under {@code data/}. */
    public Path storeData(InputStream content) throws IOException {
        Path dir = Files.createDirectories(root.resolve("data"));
        Path temp = Files.createTempFile(dir, ".unpacked", ".part");
        try {
            String digest;
            try (OutputStream out = Files.newOutputStream(temp)) {
                digest = Digests.copy(content, out);
            }
            Path target = data(digest);
            if (!Files.isRegularFile(target)) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
