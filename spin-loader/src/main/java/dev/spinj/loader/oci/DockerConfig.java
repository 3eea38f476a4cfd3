package dev.spinj.loader.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}),
 * read the way Spin's docker_credential crate does: {@code credHelpers[registry]}, then
 * {@code auths} (keys compared without scheme or path, Docker Hub's aliases folded together),
 * then {@code credsStore}. A helper answering with an identity token gives no credentials: Spin
 * then goes anonymous, and so do we.
 */
public final class DockerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public DockerConfig(Path file) {
        this.file = file;
    }

    public static DockerConfig inUserConfig(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path base = dir == null || dir.isEmpty() ? Path.of(System.getProperty("user.home"), ".docker") : Path.of(dir);
        return new DockerConfig(base.resolve("config.json"));
    }

    public Optional<Credentials> find(String registry) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("Failed to read Docker credentials from " + file, e);
        }
        String helper = config.path("credHelpers").path(registry).asText("");
        if (!helper.isEmpty()) {
            return fromHelper(helper, registry);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String auth = entry.getValue().path("auth").asText("");
            if (normalise(entry.getKey()).equals(normalise(registry)) && !auth.isEmpty()) {
                try {
                    return Optional.of(Credentials.decode(auth));
                } catch (IllegalArgumentException e) {
                    throw new IOException("Failed to read Docker credentials for " + registry + " from " + file, e);
                }
            }
        }
        String store = config.path("credsStore").asText("");
        return store.isEmpty() ? Optional.empty() : fromHelper(store, registry);
    }

    static String normalise(String key) {
        String host = key.replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        host = slash >= 0 ? host.substring(0, slash) : host;
        return host.equals("docker.io") || host.equals("registry-1.docker.io") ? "index.docker.io" : host;
    }

    /** Runs {@code docker-credential-<name> get} with the registry on stdin, as Docker does. */
    private Optional<Credentials> fromHelper(String name, String registry) throws IOException {
        String program = "docker-credential-" + name;
        Process process;
        try {
            process = new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("Docker credential helper '" + program + "' (from " + file + ") could not be run", e);
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(registry.getBytes(StandardCharsets.UTF_8));
        }
        byte[] answer = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty(); // helpers exit non-zero for "no credentials for this server"
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program, e);
        }
        JsonNode json = JSON.readTree(answer);
        String user = json.path("Username").asText("");
        if (user.isEmpty() || user.equals("<token>")) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(user, json.path("Secret").asText("")));
    }
}
