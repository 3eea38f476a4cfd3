package dev.spinj.loader.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockedApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact Spin ≥ 2.4 would push for a small app (OCI.md §1.2–1.3), byte for byte against
 * golden files in {@code src/test/resources/oci/}, and the rules behind them checked one by one.
 * The app: component {@code tiny} (an 8-byte module, so inline too) and {@code big} (a module over
 * 128 bytes), both mounting the same {@code assets} directory (a 200-byte page, the same page again
 * under {@code sub/}, and a 16-byte text file).
 */
class SpinArtifactTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-12-01T04:00:00.123Z");
    static final byte[] TINY_WASM = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @TempDir
    Path dir;

    /** A module over 128 bytes: the header plus one custom section of padding. */
    static byte[] bigWasm() {
        byte[] wasm = Arrays.copyOf(TINY_WASM, 8 + 2 + 1 + 4 + 190);
        wasm[8] = 0; // custom section
        wasm[9] = (byte) (1 + 4 + 190);
        wasm[10] = 4;
        System.arraycopy("spin".getBytes(StandardCharsets.US_ASCII), 0, wasm, 11, 4);
        Arrays.fill(wasm, 15, wasm.length, (byte) 'x');
        return wasm;
    }

    static Path writeApp(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("assets/sub"));
        Files.write(dir.resolve("tiny.wasm"), TINY_WASM);
        Files.write(dir.resolve("big.wasm"), bigWasm());
        String page = "<html>" + "p".repeat(200 - 13) + "</html>";
        Files.writeString(dir.resolve("assets/index.html"), page);
        Files.writeString(dir.resolve("assets/sub/copy.html"), page);
        Files.writeString(dir.resolve("assets/small.txt"), "sixteen bytes!!\n");
        Files.writeString(dir.resolve("spin.toml"), """
                spin_manifest_version = 2

                [application]
                name = "golden"
                version = "0.1.0"
                description = "An app for the OCI golden files"
                authors = ["Ann", "Bob"]

                [[trigger.http]]
                route = "/tiny"
                component = "tiny"

                [[trigger.http]]
                route = "/big/..."
                component = "big"

                [component.tiny]
                source = "tiny.wasm"
                files = [{ source = "assets", destination = "/" }]

                [component.big]
                source = "big.wasm"
                files = [{ source = "assets", destination = "/static" }]
                """);
        return dir.resolve("spin.toml");
    }

    private SpinArtifact assemble() throws Exception {
        LockedApp local = AppLoader.load(writeApp(dir.resolve("app")), dir.resolve("work"), new AppLoader.Options(false, Map.of()));
        return SpinArtifact.assemble(local, Map.of(), CREATED, false);
    }

    @Test
    void manifestConfigAndLockMatchTheGoldenFiles() throws Exception {
        SpinArtifact artifact = assemble();
        Blob lock = artifact.layers().get(artifact.layers().size() - 1);
        assertEquals(golden("golden.lock.json"), new String(lock.bytes(), StandardCharsets.UTF_8));
        assertEquals(golden("golden.config.json"), new String(artifact.config().bytes(), StandardCharsets.UTF_8));
        assertEquals(golden("golden.manifest.json"), new String(artifact.manifest().toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void theArtifactFollowsSpinsRules() throws Exception {
        SpinArtifact artifact = assemble();
        JsonNode manifest = JSON.readTree(artifact.manifest().toJson());
        assertTrue(manifest.path("mediaType").isMissingNode(), "no top-level mediaType");
        assertEquals(2, manifest.path("schemaVersion").asInt());
        List<String> types = artifact.layers().stream().map(b -> b.descriptor().mediaType()).toList();
        // tiny's wasm, the 200-byte page once (its copy is the same layer), big's wasm, the lock last
        assertEquals(List.of(MediaTypes.WASM_LAYER, MediaTypes.DATA_LAYER, MediaTypes.WASM_LAYER, MediaTypes.SPIN_LOCK), types);
        Blob lockLayer = artifact.layers().get(3);
        assertEquals(209, artifact.config().bytes().length, "the size of Spin's config for a sha256 label");
        assertEquals(lockLayer.descriptor().digest(), JSON.readTree(artifact.config().bytes())
                .path("config").path("Labels").path("com.fermyon.spin.lockedAppDigest").asText());

        JsonNode lock = JSON.readTree(lockLayer.bytes());
        assertEquals(0, lock.path("spin_lock_version").asInt());
        assertTrue(lock.path("metadata").path("origin").isMissingNode(), "origin is dropped on push");
        JsonNode tiny = lock.path("components").get(0);
        assertEquals("AGFzbQEAAAA", tiny.path("source").path("inline").asText(), "unpadded base64");
        assertEquals("application/wasm", tiny.path("source").path("content_type").asText());
        assertTrue(tiny.path("source").path("source").isMissingNode());
        JsonNode files = tiny.path("files");
        assertEquals(List.of("index.html", "small.txt", "sub/copy.html"), files.findValuesAsText("path"));
        assertEquals("c2l4dGVlbiBieXRlcyEhCg", files.get(1).path("inline").asText());
        String smallDigest = files.get(1).path("digest").asText();
        assertFalse(artifact.layers().stream().anyMatch(b -> b.descriptor().digest().equals(smallDigest)), "inlined files get no layer");
        JsonNode big = lock.path("components").get(1);
        assertTrue(big.path("source").path("inline").isMissingNode());
        assertEquals(List.of("static/index.html", "static/small.txt", "static/sub/copy.html"), big.path("files").findValuesAsText("path"));
        assertEquals(artifact.manifest().annotations().get("org.opencontainers.image.authors"), "Ann, Bob");
        assertEquals("2026-12-01T04:00:00.123+00:00", artifact.manifest().annotations().get("org.opencontainers.image.created"));
    }

    @Test
    void explicitAnnotationsWinOverInferredOnes() throws Exception {
        LockedApp local = AppLoader.load(writeApp(dir.resolve("app")), dir.resolve("work"), new AppLoader.Options(false, Map.of()));
        SpinArtifact artifact = SpinArtifact.assemble(local, Map.of("org.opencontainers.image.title", "renamed", "team", "blue"), CREATED, false);
        assertEquals("renamed", artifact.manifest().annotations().get("org.opencontainers.image.title"));
        assertEquals("blue", artifact.manifest().annotations().get("team"));
        assertEquals("0.1.0", artifact.manifest().annotations().get("org.opencontainers.image.version"));
    }

    @Test
    void aPulledArtifactRunsFromTheCacheWithItsFilesRebuilt() throws Exception {
        SpinArtifact artifact = assemble();
        RegistryCache cache = new RegistryCache(dir.resolve("cache"));
        for (Blob layer : artifact.layers().subList(0, 3)) {
            Path target = layer.descriptor().mediaType().equals(MediaTypes.WASM_LAYER)
                    ? cache.wasm(layer.descriptor().digest()) : cache.data(layer.descriptor().digest());
            cache.store(target, out -> Files.copy(layer.file(), out));
        }
        PulledArtifact pulled = new PulledArtifact(Reference.parse("example.com/golden:v1"), "sha256:" + "0".repeat(64),
                artifact.layers().get(3).bytes(), cache);
        LockedApp app = ArtifactApp.resolve(pulled, dir.resolve("run"), Map.of("EXTRA", "1"));
        assertEquals("vnd.fermyon.origin-oci:example.com/golden:v1", app.metadata().get("origin"));
        assertEquals(Map.of("EXTRA", "1"), app.components().get(0).env());
        assertArrayEquals(bigWasm(), Files.readAllBytes(app.components().get(1).source().content().localPath()));
        Path tinyAssets = app.components().get(0).files().get(0).content().localPath();
        assertEquals(dir.resolve("run/assets/tiny"), tinyAssets);
        assertEquals("sixteen bytes!!\n", Files.readString(tinyAssets.resolve("small.txt")));
        assertEquals(Files.readString(dir.resolve("app/assets/index.html")), Files.readString(tinyAssets.resolve("sub/copy.html")));
        assertTrue(Files.isRegularFile(dir.resolve("run/assets/big/static/index.html")));
    }

    @Test
    void archiveModeCarriesEachMountAsOneTarGzWhileTheLockStillListsEveryFile() throws Exception {
        LockedApp local = AppLoader.load(writeApp(dir.resolve("app")), dir.resolve("work"), new AppLoader.Options(false, Map.of()));
        SpinArtifact simple = SpinArtifact.assemble(local, Map.of(), CREATED, false);
        SpinArtifact archived = SpinArtifact.assemble(local, Map.of(), CREATED, true);
        // big mounts the files under /static, so its copied tree, and its archive, differ from tiny's
        assertEquals(List.of(MediaTypes.WASM_LAYER, MediaTypes.ARCHIVE_LAYER, MediaTypes.WASM_LAYER, MediaTypes.ARCHIVE_LAYER,
                        MediaTypes.SPIN_LOCK), archived.layers().stream().map(b -> b.descriptor().mediaType()).toList());
        assertArrayEquals(simple.layers().get(3).bytes(), archived.layers().get(4).bytes(), "the lock is the same in both modes");
        assertArrayEquals(archived.layers().get(1).bytes(), SpinArtifact.assemble(local, Map.of(), CREATED, true).layers().get(1).bytes(),
                "archives are reproducible");

        Path tar = dir.resolve("layer.tar.gz");
        Files.write(tar, archived.layers().get(1).bytes());
        Process list = new ProcessBuilder("tar", "-tzf", tar.toString()).redirectErrorStream(true).start();
        String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor(), listing);
        assertEquals(List.of("./", "./index.html", "./small.txt", "./sub/", "./sub/copy.html"), List.of(listing.strip().split("\n")));

        RegistryCache cache = new RegistryCache(dir.resolve("cache"));
        try (InputStream in = Files.newInputStream(tar)) {
            TarArchive.forEachFile(in, cache::storeData);
        }
        for (JsonNode file : JSON.readTree(archived.layers().get(4).bytes()).path("components").get(0).path("files")) {
            assertTrue(Files.isRegularFile(cache.data(file.path("digest").asText())), file.toString());
        }
    }

    @Test
    void aLockNeedingFeaturesSpinjLacksIsRefused() throws Exception {
        RegistryCache cache = new RegistryCache(dir.resolve("cache"));
        Reference reference = Reference.parse("example.com/app:v1");
        for (String lock : List.of("{\"spin_lock_version\":1,\"must_understand\":[\"time_travel\"],\"components\":[]}",
                "{\"spin_lock_version\":1,\"must_understand\":[\"host_requirements\"],"
                        + "\"host_requirements\":{\"warp_drive\":\"required\"},\"components\":[]}")) {
            PulledArtifact pulled = new PulledArtifact(reference, "sha256:" + "0".repeat(64), lock.getBytes(StandardCharsets.UTF_8), cache);
            RegistryException e = org.junit.jupiter.api.Assertions.assertThrows(RegistryException.class,
                    () -> ArtifactApp.resolve(pulled, dir.resolve("run"), Map.of()));
            assertTrue(e.getMessage().contains("time_travel") || e.getMessage().contains("warp_drive"), e.getMessage());
        }
    }

    @Test
    void unsafePathsInAPulledLockAreRefused() {
        for (String path : List.of("../escape", "a/../../b", "/a//b", "", "a\\b")) {
            RegistryException e = org.junit.jupiter.api.Assertions.assertThrows(RegistryException.class,
                    () -> ArtifactApp.safeRelative("web", path), path);
            assertTrue(e.getMessage().contains("unsafe file path"), e.getMessage());
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SpinArtifactTest.class.getResourceAsStream("/oci/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
