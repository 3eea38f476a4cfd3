package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.oci.Blob;
import dev.spinj.loader.oci.Descriptor;
import dev.spinj.loader.oci.ImageManifest;
import dev.spinj.loader.oci.MediaTypes;
import dev.spinj.loader.oci.Reference;
import dev.spinj.loader.oci.RegistryClient;
import dev.spinj.loader.oci.SpinArtifact;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code spin registry push|pull|login} and {@code spin up -f <reference>} against a real
 * registry (Debian's docker-registry) on loopback, with skopeo as an independent reader.
 */
@Timeout(180)
class SpinRegistryTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PUSHED = Pattern.compile("Pushed with digest (sha256:[0-9a-f]{64})");

    /** A user with an empty cache and config: XDG dirs, Docker config and HOME all fresh. */
    private static Map<String, String> freshUser() throws Exception {
        Path home = Files.createTempDirectory("spinj-user");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("DOCKER_CONFIG", home.resolve("docker").toString());
        return env;
    }

    private static SpinProcess spin(Map<String, String> env, String... args) throws Exception {
        Path home = Path.of(env.get("HOME"));
        // user.home too: the JVM takes it from the passwd entry, not from $HOME
        return SpinProcess.start(home, env, List.of("-Duser.home=" + home), args);
    }

    private static String push(Map<String, String> env, String app, String reference) throws Exception {
        try (SpinProcess push = spin(env, "registry", "push", "-k", "-f", EXAMPLES.resolve(app).toString(), reference)) {
            assertEquals(0, push.exitCode(), push.stderr());
            Matcher m = PUSHED.matcher(push.stdout());
            assertTrue(m.find(), push.stdout());
            return m.group(1);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pushedHelloIsReadBySkopeoPulledIntoAnEmptyCacheAndServedByUp() throws Exception {
        Path skopeo = RegistryFixture.requireBinary("/usr/bin/skopeo", "skopeo");
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/hello:v1";
            String digest = push(freshUser(), "hello-c", reference);

            JsonNode image = JSON.readTree(skopeo(skopeo, "inspect", "--tls-verify=false", "docker://" + reference));
            assertEquals(digest, image.path("Digest").asText());
            assertEquals("wasm", image.path("Architecture").asText());
            assertEquals("wasip1", image.path("Os").asText());
            JsonNode manifest = JSON.readTree(skopeo(skopeo, "inspect", "--raw", "--tls-verify=false", "docker://" + reference));
            assertTrue(manifest.path("mediaType").isMissingNode(), "Spin's manifests carry no mediaType");
            assertEquals("application/vnd.oci.image.config.v1+json", manifest.path("config").path("mediaType").asText());
            JsonNode layers = manifest.path("layers");
            assertEquals(2, layers.size(), manifest.toString());
            assertEquals("application/vnd.wasm.content.layer.v1+wasm", layers.get(0).path("mediaType").asText());
            assertEquals("application/vnd.fermyon.spin.application.v1+config", layers.get(1).path("mediaType").asText());
            assertEquals(layers.get(1).path("digest").asText(),
                    image.path("Labels").path("com.fermyon.spin.lockedAppDigest").asText(), image.toString());

            Map<String, String> user = freshUser();
            try (SpinProcess pull = spin(user, "registry", "pull", "-k", reference)) {
                assertEquals(0, pull.exitCode(), pull.stderr());
                assertTrue(pull.stdout().contains("Pulled " + reference + "@" + digest), pull.stdout());
            }
            Path cache = Path.of(user.get("XDG_CACHE_HOME"), "spin", "registry");
            String wasmDigest = layers.get(0).path("digest").asText();
            assertTrue(Files.isRegularFile(cache.resolve("wasm").resolve(wasmDigest)));
            assertEquals(Files.size(EXAMPLES.resolve("hello-c/hello.wasm")), Files.size(cache.resolve("wasm").resolve(wasmDigest)));
            assertTrue(Files.isRegularFile(cache.resolve("manifests").resolve(registry.host()).resolve("spinj/hello/v1/manifest.json")));

            int port = SpinProcess.freePort();
            try (SpinProcess up = spin(user, "up", "-k", "-f", reference, "--listen", "127.0.0.1:" + port)) {
                up.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                HttpResponse<String> response = get(port, "/hello");
                assertEquals(200, response.statusCode());
                assertEquals("Hello, Fermyon!\n", response.body());
            }
        }
    }

    @Test
    void upServesInlineAndLayeredFilesOfAPushedApp() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/multi:v2";
            push(freshUser(), "multi-c", reference);
            int port = SpinProcess.freePort();
            try (SpinProcess up = spin(freshUser(), "up", "-k", "-f", reference, "--listen", "127.0.0.1:" + port)) {
                up.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/hello.txt")), get(port, "/app/static/hello.txt").body());
                assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/index.html")), get(port, "/app/static/index.html").body());
                assertEquals(200, get(port, "/app/hello").statusCode());
            }
        }
    }

    @Test
    void archiveLayersAskedForBySpinOciArchiveLayersAreUnpackedAndServed() throws Exception {
        Path skopeo = RegistryFixture.requireBinary("/usr/bin/skopeo", "skopeo");
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/multi:archived";
            Map<String, String> pusher = freshUser();
            pusher.put("SPIN_OCI_ARCHIVE_LAYERS", "1");
            push(pusher, "multi-c", reference);
            JsonNode manifest = JSON.readTree(skopeo(skopeo, "inspect", "--raw", "--tls-verify=false", "docker://" + reference));
            assertEquals(List.of(MediaTypes.WASM_LAYER, MediaTypes.WASM_LAYER, MediaTypes.ARCHIVE_LAYER, MediaTypes.WASM_LAYER,
                    MediaTypes.SPIN_LOCK), manifest.path("layers").findValuesAsText("mediaType"));
            int port = SpinProcess.freePort();
            try (SpinProcess up = spin(freshUser(), "up", "-k", "-f", reference, "--listen", "127.0.0.1:" + port)) {
                up.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/hello.txt")), get(port, "/app/static/hello.txt").body());
                assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/index.html")), get(port, "/app/static/index.html").body());
            }
        }
    }

    @Test
    void anArtifactInTheSpin1ShapeWithTheLockAsConfigBlobRuns() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/old-shape:v1";
            LockedApp local = AppLoader.load(EXAMPLES.resolve("multi-c/spin.toml"), Files.createTempDirectory("spin1-shape"),
                    new AppLoader.Options(false, Map.of()));
            SpinArtifact current = SpinArtifact.assemble(local, Map.of(), Instant.now(), false);
            List<Blob> layers = current.layers().subList(0, current.layers().size() - 1);
            Blob lock = current.layers().get(current.layers().size() - 1);
            // Spin 0.9–1.5: the lock is the config blob, and the layers are wasm and data only
            Blob config = new Blob(new Descriptor(MediaTypes.SPIN_LOCK, lock.descriptor().digest(), lock.descriptor().size()), null, lock.bytes());
            RegistryClient client = new RegistryClient(Reference.parse(reference), true, Optional.empty(), RegistryClient.Access.PUSH);
            for (Blob layer : layers) {
                client.putBlob(layer);
            }
            client.putBlob(config);
            client.putManifest(new ImageManifest(2, null, config.descriptor(), layers.stream().map(Blob::descriptor).toList(), Map.of())
                    .toJson(), MediaTypes.OCI_MANIFEST);

            int port = SpinProcess.freePort();
            try (SpinProcess up = spin(freshUser(), "up", "-k", "-f", reference, "--listen", "127.0.0.1:" + port)) {
                up.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/hello.txt")), get(port, "/app/static/hello.txt").body());
                assertEquals(Files.readString(EXAMPLES.resolve("multi-c/assets/index.html")), get(port, "/app/static/index.html").body());
            }
        }
    }

    @Test
    void aBareWasmPackageAsWkgPushesItRunsAsOneComponentOnEveryPath() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/bare:v1";
            Path wasm = EXAMPLES.resolve("hello-c/hello.wasm");
            Blob layer = new Blob(new Descriptor(MediaTypes.WASM_WKG, "sha256:" + sha256Hex(Files.readAllBytes(wasm)), Files.size(wasm)), wasm, null);
            // wkg's config (bytecodealliance/rust-oci-wasm): a wasm config, not an image config
            Blob config = Blob.of("application/vnd.wasm.config.v0+json",
                    "{\"architecture\":\"wasm\",\"os\":\"wasip1\",\"layerDigests\":[]}".getBytes(StandardCharsets.UTF_8));
            RegistryClient client = new RegistryClient(Reference.parse(reference), true, Optional.empty(), RegistryClient.Access.PUSH);
            client.putBlob(layer);
            client.putBlob(config);
            client.putManifest(new ImageManifest(2, null, config.descriptor(), List.of(layer.descriptor()), Map.of()).toJson(),
                    MediaTypes.OCI_MANIFEST);
            int port = SpinProcess.freePort();
            try (SpinProcess up = spin(freshUser(), "up", "-k", "-f", reference, "--listen", "127.0.0.1:" + port)) {
                up.awaitStdout("Available Routes:", Duration.ofSeconds(60));
                assertEquals("Hello, Fermyon!\n", get(port, "/any/path").body());
            }
        }
    }

    @Test
    void aMissingTagIsAnErrorNamingTheReference() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/absent:v9";
            try (SpinProcess up = spin(freshUser(), "up", "-k", "-f", reference)) {
                assertEquals(1, up.exitCode());
                assertTrue(up.stderr().startsWith("Error: Failed to pull " + reference + "\n\nCaused by:\n"), up.stderr());
                assertTrue(up.stderr().contains("answered 404: MANIFEST_UNKNOWN"), up.stderr());
            }
        }
    }

    @Test
    void aCorruptedBlobIsRefusedByDigestAndNotCached() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS)) {
            String reference = registry.host() + "/spinj/hello:bad";
            push(freshUser(), "hello-c", reference);
            String wasmDigest = "sha256:" + sha256Hex(Files.readAllBytes(EXAMPLES.resolve("hello-c/hello.wasm")));
            Path stored = registry.blobData(wasmDigest);
            byte[] bytes = Files.readAllBytes(stored);
            bytes[bytes.length / 2] ^= 0x55; // same size, different content
            Files.write(stored, bytes);

            Map<String, String> user = freshUser();
            try (SpinProcess pull = spin(user, "registry", "pull", "-k", reference)) {
                assertEquals(1, pull.exitCode());
                assertTrue(pull.stderr().startsWith("Error: Failed to pull " + reference + "\n"), pull.stderr());
                assertTrue(pull.stderr().contains("blob " + wasmDigest), pull.stderr());
                assertTrue(pull.stderr().contains("failed verification"), pull.stderr());
            }
            Path wasmDir = Path.of(user.get("XDG_CACHE_HOME"), "spin", "registry", "wasm");
            assertFalse(Files.exists(wasmDir.resolve(wasmDigest)));
            try (var left = Files.list(wasmDir)) {
                assertEquals(0, left.count(), "no partial blob is left behind");
            }
        }
    }

    @Test
    void basicAuthLoginSavesSpinsCredentialFileWhichPushAndUpUse() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.BASIC)) {
            Map<String, String> user = freshUser();
            String reference = registry.host() + "/spinj/private:v1";
            try (SpinProcess anonymous = spin(user, "registry", "push", "-k", "-f", EXAMPLES.resolve("hello-c").toString(), reference)) {
                assertEquals(1, anonymous.exitCode());
                assertTrue(anonymous.stderr().startsWith("Error: Failed to push "), anonymous.stderr());
                assertTrue(anonymous.stderr().contains(reference), anonymous.stderr());
                assertTrue(anonymous.stderr().contains("answered 401"), anonymous.stderr());
            }
            try (SpinProcess login = spin(user, "registry", "login", "-k", "-u", RegistryFixture.USER, "-p", RegistryFixture.PASSWORD,
                    "http://" + registry.host() + "/v2/")) {
                assertEquals(0, login.exitCode(), login.stderr());
            }
            JsonNode saved = JSON.readTree(Path.of(user.get("XDG_CONFIG_HOME"), "fermyon", "registry-auth.json").toFile());
            assertEquals(Base64.getEncoder().encodeToString((RegistryFixture.USER + ":" + RegistryFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    saved.path("auths").path(registry.host()).asText());
            push(user, "hello-c", reference);
            try (SpinProcess pull = spin(user, "registry", "pull", "-k", reference)) {
                assertEquals(0, pull.exitCode(), pull.stderr());
            }
        }
    }

    @Test
    void aWrongPasswordIsAnError() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.BASIC)) {
            Map<String, String> user = freshUser();
            try (SpinProcess login = spin(user, "registry", "login", "-k", "-u", RegistryFixture.USER, "-p", "wrong", registry.host())) {
                assertEquals(1, login.exitCode());
                assertTrue(login.stderr().startsWith("Error: Failed to log in to " + registry.host() + "\n"), login.stderr());
                assertTrue(login.stderr().contains("answered 401"), login.stderr());
            }
            assertFalse(Files.exists(Path.of(user.get("XDG_CONFIG_HOME"), "fermyon", "registry-auth.json")));
            writeDockerConfig(user, registry.host(), RegistryFixture.USER, "wrong");
            String reference = registry.host() + "/spinj/private:v1";
            try (SpinProcess up = spin(user, "up", "-k", "-f", reference)) {
                assertEquals(1, up.exitCode());
                assertTrue(up.stderr().startsWith("Error: Failed to pull " + reference + "\n"), up.stderr());
                assertTrue(up.stderr().contains("answered 401: UNAUTHORIZED"), up.stderr());
            }
        }
    }

    @Test
    void bearerTokensFromATokenServerWithDockerConfigCredentials() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.TOKEN)) {
            Map<String, String> user = freshUser();
            writeDockerConfig(user, registry.host(), RegistryFixture.USER, RegistryFixture.PASSWORD);
            String reference = registry.host() + "/spinj/token:v1";
            String digest = push(user, "hello-c", reference);
            try (SpinProcess pull = spin(user, "registry", "pull", "-k", reference)) {
                assertEquals(0, pull.exitCode(), pull.stderr());
                assertTrue(pull.stdout().contains("@" + digest), pull.stdout());
            }
            Map<String, String> stranger = freshUser();
            try (SpinProcess pull = spin(stranger, "registry", "pull", "-k", reference)) {
                assertEquals(1, pull.exitCode());
                assertTrue(pull.stderr().contains("(token) answered 401"), pull.stderr());
            }
        }
    }

    @Test
    void aDockerCredentialHelperSuppliesTheCredentialsAndConcurrentPullsShareOneCache() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.BASIC)) {
            Map<String, String> user = freshUser();
            Path bin = Files.createDirectories(Path.of(user.get("HOME"), "bin"));
            Path helper = bin.resolve("docker-credential-spinjtest");
            Files.writeString(helper, "#!/bin/sh\nread server\n"
                    + "echo \"{\\\"ServerURL\\\":\\\"$server\\\",\\\"Username\\\":\\\"" + RegistryFixture.USER
                    + "\\\",\\\"Secret\\\":\\\"" + RegistryFixture.PASSWORD + "\\\"}\"\n");
            assertTrue(helper.toFile().setExecutable(true));
            user.put("PATH", bin + ":" + System.getenv("PATH"));
            Files.createDirectories(Path.of(user.get("DOCKER_CONFIG")));
            Files.writeString(Path.of(user.get("DOCKER_CONFIG"), "config.json"),
                    "{\"credHelpers\":{\"" + registry.host() + "\":\"spinjtest\"}}");
            String reference = registry.host() + "/spinj/helped:v1";
            String digest = push(user, "multi-c", reference);
            try (SpinProcess first = spin(user, "registry", "pull", "-k", reference);
                    SpinProcess second = spin(user, "registry", "pull", "-k", reference)) {
                assertEquals(0, first.exitCode(), first.stderr());
                assertEquals(0, second.exitCode(), second.stderr());
                assertTrue(second.stdout().contains("@" + digest), second.stdout());
            }
            try (var files = Files.walk(Path.of(user.get("XDG_CACHE_HOME"), "spin", "registry"))) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList());
            }
        }
    }

    private static String skopeo(Path skopeo, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(skopeo.toString()));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "skopeo " + String.join(" ", args) + ": " + out);
        return out;
    }

    private static void writeDockerConfig(Map<String, String> user, String host, String name, String password) throws Exception {
        Path dir = Files.createDirectories(Path.of(user.get("DOCKER_CONFIG")));
        String auth = Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"http://" + host + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
