package dev.spinj.loader.oci;

import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import dev.spinj.loader.lock.SpinJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Spin app as the OCI artifact Spin ≥ 2.4 pushes (OCI.md §1.2–1.3, Spin's
 * {@code crates/oci/src/client.rs}): one wasm layer per distinct module, one data layer per distinct
 * file over 128 bytes (smaller ones only inline in the lock), the lock last, and an image config
 * whose label names the lock's digest.
 *
 * @param layers   in manifest order, the lock last
 * @param config   the image config blob
 * @param manifest the manifest as pushed
 */
public record SpinArtifact(List<Blob> layers, Blob config, ImageManifest manifest) {
    /** Content this small travels inline in the lock (Spin's {@code DEFAULT_CONTENT_REF_INLINE_MAX_SIZE}). */
    static final int INLINE_MAX_SIZE = 128;
    /** ECR's layer limit, lock included (Spin's {@code MAX_LAYER_COUNT}). */
    static final int MAX_LAYER_COUNT = 500;
    static final String LOCKED_APP_DIGEST_LABEL = "com.fermyon.spin.lockedAppDigest";
    private static final String CONFIG_JSON = "{\"architecture\":\"wasm\",\"os\":\"wasip1\",\"config\":{\"Labels\":{\""
            + LOCKED_APP_DIGEST_LABEL + "\":\"%s\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

    /**
     * @param app           a local lock whose sources and file mounts are {@code file:} URLs (as
     *                      {@link dev.spinj.loader.AppLoader} writes with copied files)
     * @param annotations   {@code --annotation} pairs; they win over the inferred ones
     * @param created       the {@code org.opencontainers.image.created} time
     * @param archiveLayers files travel as one archive layer per mount even under the layer limit
     *                      (Spin's {@code SPIN_OCI_ARCHIVE_LAYERS})
     */
    public static SpinArtifact assemble(LockedApp app, Map<String, String> annotations, Instant created, boolean archiveLayers)
            throws IOException {
        Map<String, Blob> layers = new LinkedHashMap<>(); // identity (type + digest) → layer; first occurrence wins
        List<LockedComponent> components = new ArrayList<>();
        for (LockedComponent component : app.components()) {
            Blob wasmLayer = wasmLayer(component);
            layers.putIfAbsent(key(wasmLayer), wasmLayer);
            Path wasm = wasmLayer.file();
            ContentRef source = new ContentRef(null, inline(wasm, wasmLayer.descriptor().size()), wasmLayer.descriptor().digest());
            List<ContentPath> files = new ArrayList<>();
            for (ContentPath mount : component.files()) {
                for (ContentPath file : expand(mount)) {
                    Path local = file.content().localPath();
                    long size = Files.size(local);
                    String digest = Digests.of(local);
                    String inline = inline(local, size);
                    if (inline == null) {
                        Blob data = new Blob(new Descriptor(MediaTypes.DATA_LAYER, digest, size), local, null);
                        layers.putIfAbsent(key(data), data);
                    }
                    files.add(new ContentPath(new ContentRef(null, inline, digest), file.path()));
                }
            }
            components.add(new LockedComponent(component.id(), component.metadata(),
                    new LockedComponentSource(LockedComponentSource.WASM, source), component.env(), files, component.config()));
        }
        // Spin ≥ 2.5 decides after assembling: too many layers for the registry, or asked to
        List<Blob> ordered = new ArrayList<>(archiveLayers || layers.size() + 1 > MAX_LAYER_COUNT
                ? archived(app.components()) : layers.values());
        if (ordered.size() + 1 > MAX_LAYER_COUNT) {
            throw new IOException("the app needs " + (ordered.size() + 1) + " layers, over the " + MAX_LAYER_COUNT
                    + " registries accept");
        }
        Map<String, Object> metadata = new TreeMap<>(app.metadata());
        metadata.remove("origin");
        LockedApp pushed = new LockedApp(app.spinLockVersion(), metadata, app.variables(), app.triggers(), components);
        Blob lock = Blob.of(MediaTypes.SPIN_LOCK, SpinJson.compact(pushed));
        ordered.add(lock);
        Blob config = Blob.of(MediaTypes.OCI_CONFIG,
                String.format(CONFIG_JSON, lock.descriptor().digest()).getBytes(StandardCharsets.UTF_8));
        ImageManifest manifest = new ImageManifest(2, null, config.descriptor(),
                ordered.stream().map(Blob::descriptor).toList(), annotations(app, annotations, created));
        return new SpinArtifact(List.copyOf(ordered), config, manifest);
    }

    private static Blob wasmLayer(LockedComponent component) throws IOException {
        Path wasm = component.source().content().localPath();
        return new Blob(new Descriptor(MediaTypes.WASM_LAYER, Digests.of(wasm), Files.size(wasm)), wasm, null);
    }

    /** Archive mode: per component its wasm, then one tar.gz per directory mount (a single-file mount stays a data layer). */
    private static List<Blob> archived(List<LockedComponent> components) throws IOException {
        Map<String, Blob> layers = new LinkedHashMap<>();
        for (LockedComponent component : components) {
            Blob wasm = wasmLayer(component);
            layers.putIfAbsent(key(wasm), wasm);
            for (ContentPath mount : component.files()) {
                Path source = mount.content().localPath();
                Blob layer = Files.isDirectory(source) ? Blob.of(MediaTypes.ARCHIVE_LAYER, TarArchive.gzipOf(source))
                        : new Blob(new Descriptor(MediaTypes.DATA_LAYER, Digests.of(source), Files.size(source)), source, null);
                layers.putIfAbsent(key(layer), layer);
            }
        }
        return new ArrayList<>(layers.values());
    }

    private static String key(Blob blob) {
        return blob.descriptor().mediaType() + " " + blob.descriptor().digest();
    }

    /** Unpadded standard base64, which Spin's decoder requires; null when the content is too big to inline. */
    private static String inline(Path file, long size) throws IOException {
        return size <= INLINE_MAX_SIZE ? Base64.getEncoder().withoutPadding().encodeToString(Files.readAllBytes(file)) : null;
    }

    /** A mount (a file or a directory) as one entry per file, with a relative, slash-separated guest path, in path order. */
    private static List<ContentPath> expand(ContentPath mount) throws IOException {
        Path source = mount.content().localPath();
        String prefix = mount.path().replaceAll("^/+", "");
        if (Files.isRegularFile(source)) {
            return List.of(new ContentPath(ContentRef.ofPath(source), prefix));
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(Files::isRegularFile).map(file -> {
                String relative = source.relativize(file).toString().replace('\\', '/');
                String guestPath = prefix.isEmpty() ? relative : prefix.replaceAll("/+$", "") + "/" + relative;
                return new ContentPath(ContentRef.ofPath(file), guestPath);
            }).sorted(java.util.Comparator.comparing(ContentPath::path)).toList();
        }
    }

    /** Spin's inferred {@code org.opencontainers.image.*} annotations (2.7+), overridden by explicit ones. */
    private static Map<String, String> annotations(LockedApp app, Map<String, String> explicit, Instant created) {
        Map<String, String> all = new TreeMap<>();
        putIfNotEmpty(all, "org.opencontainers.image.title", app.name());
        putIfNotEmpty(all, "org.opencontainers.image.description",
                app.metadata().get("description") instanceof String s ? s : "");
        putIfNotEmpty(all, "org.opencontainers.image.version", app.version());
        if (app.metadata().get("authors") instanceof List<?> authors && !authors.isEmpty()) {
            all.put("org.opencontainers.image.authors", String.join(", ", authors.stream().map(String::valueOf).toList()));
        }
        all.put("org.opencontainers.image.created", rfc3339(created));
        all.putAll(explicit);
        return all;
    }

    private static void putIfNotEmpty(Map<String, String> map, String key, String value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }

    /** chrono's {@code to_rfc3339}: {@code +00:00}, and 0, 3, 6 or 9 fraction digits as needed. */
    static String rfc3339(Instant instant) {
        int nanos = instant.getNano();
        String fraction = nanos == 0 ? "" : nanos % 1_000_000 == 0 ? ".SSS" : nanos % 1000 == 0 ? ".SSSSSS" : ".SSSSSSSSS";
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss" + fraction + "xxx").withZone(ZoneOffset.UTC).format(instant);
    }
}
