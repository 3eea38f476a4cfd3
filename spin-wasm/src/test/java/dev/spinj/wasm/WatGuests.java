package dev.spinj.wasm;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test guests written in WAT beside the tests ({@code src/test/resources/guests}), compiled at test time. */
public final class WatGuests {
    private WatGuests() {}

    /** The WAT file with each {@code (placeholder, value)} pair substituted, as wasm bytes. */
    public static byte[] compile(String name, String... replacements) throws IOException {
        String wat = Files.readString(Path.of("src/test/resources/guests", name + ".wat"), StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            wat = wat.replace(replacements[i], replacements[i + 1]);
        }
        return Wat2Wasm.parse(wat);
    }

    /** A one-component app whose wasm is inline in the lock, with the given config templates. */
    public static LockedApp app(String componentId, byte[] wasm, Map<String, String> config) {
        var source = new LockedComponentSource(LockedComponentSource.WASM,
                new ContentRef(null, Base64.getEncoder().withoutPadding().encodeToString(wasm), null));
        var component = new LockedComponent(componentId, Map.of(), source, Map.of(), List.of(), config);
        return new LockedApp(0, Map.of("name", "wat-test"), Map.of(), List.of(), List.of(component));
    }
}
