package dev.spinj.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmFileAppTest {
    @TempDir
    Path dir;

    @Test
    void bareWasmIsOneSpinComponentOnEveryPathUnderBaseSlash() throws Exception {
        Path wasm = Files.write(dir.resolve("My App.v2.wasm"), new byte[] {0, 'a', 's', 'm'});
        LockedApp app = WasmFileApp.lock(wasm, Map.of("K", "v"));
        assertEquals("My App.v2", app.name());
        assertEquals("/", app.triggerSetting("http", "base").orElseThrow());
        assertEquals("{\"component\":\"my-app-v2\",\"executor\":null,\"route\":\"/...\"}",
                app.triggers().get(0).triggerConfig().toString());
        assertEquals("trigger--my-app-v2", app.triggers().get(0).id());
        LockedComponent component = app.component("my-app-v2").orElseThrow();
        assertEquals(wasm.toAbsolutePath(), component.source().content().localPath());
        assertEquals(Map.of("K", "v"), component.env());
    }

    @Test
    void componentIdStartsWithALetter() {
        assertEquals("wasm-2048", WasmFileApp.componentId("2048"));
        assertEquals("wasm", WasmFileApp.componentId("__"));
    }
}
