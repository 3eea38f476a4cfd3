package dev.spinj.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.loader.lock.LockedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoaderTest {
    @TempDir
    Path dir;

    @Test
    void missingWasmFileNamesComponentAndPath() {
        Path manifest = TestApps.resource("errors/missing-wasm.toml");
        AppLoadException e = assertThrows(AppLoadException.class,
                () -> AppLoader.load(manifest, dir, new AppLoader.Options(false, Map.of())));
        assertEquals("Failed to load component `hello`", e.getMessage());
        assertEquals("Wasm source file \"" + manifest.resolveSibling("does-not-exist.wasm") + "\" does not exist",
                e.getCause().getMessage());
    }

    @Test
    void v1HttpBaseDefaultsToSlash() throws Exception {
        Path manifest = TestApps.copy("v1", dir.resolve("app"));
        Files.writeString(manifest, Files.readString(manifest)
                .replace("trigger = { type = \"http\", base = \"/test\" }", "trigger = { type = \"http\" }"));
        LockedApp app = AppLoader.load(manifest, dir.resolve("work"), new AppLoader.Options(false, Map.of()));
        assertEquals("/", app.triggerSetting("http", "base").orElseThrow());
    }

    @Test
    void v2HttpBaseIsFoundInTriggersMetadata() throws Exception {
        Path manifest = TestApps.copy("v2", dir.resolve("app"));
        LockedApp app = AppLoader.load(manifest, dir.resolve("work"), new AppLoader.Options(false, Map.of()));
        assertEquals("/base", app.triggerSetting("http", "base").orElseThrow());
    }
}
