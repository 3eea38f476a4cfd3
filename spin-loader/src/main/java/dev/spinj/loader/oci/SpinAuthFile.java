package dev.spinj.loader.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Spin's own credential file, {@code <config dir>/fermyon/registry-auth.json}:
 * {@code {"auths":{"<registry>":"<base64 user:password>"}}} (a bare string, unlike Docker's
 * {@code {"auth":…}}). Sharing path and shape means a {@code spin registry login} by either Spin
 * or spinj serves both.
 */
public final class SpinAuthFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public SpinAuthFile(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/fermyon/registry-auth.json}, else {@code ~/.config/fermyon/registry-auth.json}. */
    public static SpinAuthFile inUserConfig(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
        return new SpinAuthFile(config.resolve("fermyon").resolve("registry-auth.json"));
    }

    public Path path() {
        return file;
    }

    public Optional<Credentials> find(String registry) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String encoded = JSON.readTree(file.toFile()).path("auths").path(registry).asText("");
            return encoded.isEmpty() ? Optional.empty() : Optional.of(Credentials.decode(encoded));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("Failed to read registry credentials from " + file, e);
        }
    }

    /** Adds or replaces one registry's entry, keeping the others; the file is readable by its owner only. */
    public void save(String registry, Credentials credentials) throws IOException {
        ObjectNode root = Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode existing
                ? existing : JSON.createObjectNode();
        ObjectNode auths = root.get("auths") instanceof ObjectNode a ? a : root.putObject("auths");
        auths.put(registry, credentials.encoded());
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".registry-auth", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, JSON.writeValueAsString(root));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
