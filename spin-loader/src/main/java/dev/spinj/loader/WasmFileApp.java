package dev.spinj.loader;

import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.FileUrls;
import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import dev.spinj.loader.lock.LockedTrigger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code spin up -f app.wasm}: a bare wasm file is an app of one Spin-executor HTTP component on
 * {@code /...} under base {@code /}. The app is named after the file ({@code app.wasm} ⇒
 * {@code app}); the component id is that name made a valid id (lower case, other characters ⇒ {@code -}).
 * There is no manifest, so the lock is built here in the shape a v1 manifest would give.
 */
public final class WasmFileApp {
    public static final String ROUTE = "/...";

    private WasmFileApp() {}

    public static boolean isWasmFile(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".wasm");
    }

    public static LockedApp lock(Path wasmFile, Map<String, String> extraEnv) {
        Path file = wasmFile.toAbsolutePath().normalize();
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".wasm".length());
        String id = componentId(name);

        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("name", name);
        metadata.put("origin", FileUrls.of(file));
        metadata.put("trigger", Map.of("type", "http", "base", "/"));

        // TreeMap: the executor is null (Spin's default executor), which Map.of refuses.
        Map<String, Object> config = new TreeMap<>();
        config.put("component", id);
        config.put("executor", null);
        config.put("route", ROUTE);
        LockedTrigger trigger = new LockedTrigger("trigger--" + id, "http", LockFiles.tree(config));

        Map<String, Object> componentMetadata = new TreeMap<>();
        for (String key : List.of("allowed_http_hosts", "key_value_stores", "databases", "ai_models")) {
            componentMetadata.put(key, List.of());
        }
        LockedComponent component = new LockedComponent(id, componentMetadata,
                new LockedComponentSource(LockedComponentSource.WASM, ContentRef.ofPath(file)),
                new TreeMap<>(extraEnv), List.of(), Map.of());
        return new LockedApp(0, metadata, Map.of(), List.of(trigger), List.of(component));
    }

    static String componentId(String name) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (id.isEmpty()) {
            return "wasm";
        }
        // Spin ids start with a letter
        return Character.isLetter(id.charAt(0)) ? id : "wasm-" + id;
    }
}
