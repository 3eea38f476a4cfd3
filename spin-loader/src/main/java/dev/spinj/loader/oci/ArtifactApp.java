package dev.spinj.loader.oci;

import dev.spinj.loader.WasmFileApp;
import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a pulled artifact's lock into one that runs like a local app (Spin's
 * {@code OciLoader}): sources point at the cached wasm, and each component's files, inline or
 * cached, are copied to {@code <workingDir>/assets/<component>/<path>} and mounted at {@code /}.
 */
public final class ArtifactApp {
    static final String ORIGIN_SCHEME = "vnd.fermyon.origin-oci:";

    private ArtifactApp() {}

    /** @param extraEnv {@code --env} pairs added to every component's environment */
    public static LockedApp resolve(PulledArtifact pulled, Path workingDir, Map<String, String> extraEnv) throws IOException {
        if (pulled.lock() == null) {
            return bareWasm(pulled, workingDir, extraEnv);
        }
        LockedApp app;
        try {
            app = LockFiles.fromJson(new String(pulled.lock(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // LockFiles also refuses what the host cannot honour (must_understand, host_requirements).
            throw new RegistryException("the lock in " + pulled.reference() + " cannot be run: " + e.getMessage(), e);
        }
        List<LockedComponent> components = new ArrayList<>();
        for (LockedComponent component : app.components()) {
            Path assets = workingDir.toAbsolutePath().normalize().resolve("assets").resolve(component.id());
            List<ContentPath> files = new ArrayList<>();
            for (ContentPath file : component.files()) {
                copy(pulled.cache(), component.id(), file, assets);
            }
            if (!component.files().isEmpty()) {
                files.add(new ContentPath(ContentRef.ofPath(assets), "/"));
            }
            components.add(new LockedComponent(component.id(), component.metadata(),
                    new LockedComponentSource(component.source().contentType(),
                            ContentRef.ofPath(wasm(pulled.cache(), component))),
                    env(component, extraEnv), files, component.config()));
        }
        Map<String, Object> metadata = new TreeMap<>(app.metadata());
        metadata.put("origin", ORIGIN_SCHEME + pulled.reference());
        return new LockedApp(app.spinLockVersion(), metadata, app.variables(), app.triggers(), components);
    }

    /**
     * A bare Wasm package runs as {@code spin up -f <file>.wasm} would, the app named after the
     * repository's last segment (the wasm is copied there, as the name comes from the file's).
     */
    private static LockedApp bareWasm(PulledArtifact pulled, Path workingDir, Map<String, String> extraEnv) throws IOException {
        String repository = pulled.reference().repository();
        Path wasm = Files.createDirectories(workingDir.toAbsolutePath().normalize())
                .resolve(repository.substring(repository.lastIndexOf('/') + 1) + ".wasm");
        Files.copy(pulled.bareWasm(), wasm, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LockedApp app = WasmFileApp.lock(wasm, extraEnv);
        Map<String, Object> metadata = new TreeMap<>(app.metadata());
        metadata.put("origin", ORIGIN_SCHEME + pulled.reference());
        return new LockedApp(app.spinLockVersion(), metadata, app.variables(), app.triggers(), app.components());
    }

    private static Map<String, String> env(LockedComponent component, Map<String, String> extraEnv) {
        Map<String, String> env = new TreeMap<>(component.env());
        env.putAll(extraEnv);
        return env;
    }

    private static Path wasm(RegistryCache cache, LockedComponent component) throws IOException {
        String digest = component.source().content().digest();
        if (digest == null) {
            throw new RegistryException("component `" + component.id() + "` has no source digest");
        }
        for (Path candidate : List.of(cache.wasm(digest), cache.data(digest))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new RegistryException("component `" + component.id() + "`: wasm " + digest + " is not among the artifact's layers");
    }

    private static void copy(RegistryCache cache, String componentId, ContentPath file, Path assets) throws IOException {
        Path target = assets.resolve(safeRelative(componentId, file.path())).normalize();
        Files.createDirectories(target.getParent());
        ContentRef content = file.content();
        if (content.inline() != null) {
            Files.write(target, Base64.getDecoder().decode(content.inline()));
            return;
        }
        Path cached = cache.data(content.digest() == null ? "" : content.digest());
        if (!Files.isRegularFile(cached)) {
            throw new RegistryException("component `" + componentId + "`: file " + file.path() + " (" + content.digest()
                    + ") is not among the artifact's layers");
        }
        Files.copy(cached, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A guest path made relative; anything that could leave the assets directory is refused. */
    static String safeRelative(String componentId, String path) throws RegistryException {
        String relative = path == null ? "" : path.replaceAll("^/+", "");
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\")) {
                throw new RegistryException("component `" + componentId + "`: unsafe file path '" + path + "' in the lock");
            }
        }
        return relative;
    }
}
