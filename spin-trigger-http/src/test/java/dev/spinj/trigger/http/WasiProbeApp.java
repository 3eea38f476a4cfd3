package dev.spinj.trigger.http;

import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code wasi-probe} app copied to a temp dir, with its mounted {@code data} directory holding
 * symlinks that lead out of it: to the app's own {@code spin.toml} and to a directory beside the app.
 * <pre>
 *   tmp/app/spin.toml, wasi_probe.wasm
 *   tmp/app/data/inside.txt            "inside\n"
 *   tmp/app/data/alias -> inside.txt, data/sub/up -> ../inside.txt         (stay inside)
 *   tmp/app/data/manifest-link -> ../spin.toml, data/abs-link -> tmp/outside/outside.txt
 *   tmp/app/data/outside-dir -> ../../outside, data/abs-dir -> tmp/outside
 *   tmp/app/data/dangling -> tmp/outside/dangling-created.txt (does not exist)
 *   tmp/outside/outside.txt            "outside\n"
 * </pre>
 */
final class WasiProbeApp {
    static final String OUTSIDE_CONTENT = "outside\n";

    final Path appDir;
    final Path dataDir;
    final Path outsideDir;

    private WasiProbeApp(Path root) throws IOException {
        Path source = Path.of("src/test/resources/apps/wasi-probe");
        appDir = Files.createDirectories(root.resolve("app"));
        Files.copy(source.resolve("spin.toml"), appDir.resolve("spin.toml"));
        Files.copy(source.resolve("wasi_probe.wasm"), appDir.resolve("wasi_probe.wasm"));
        dataDir = Files.createDirectories(appDir.resolve("data"));
        outsideDir = Files.createDirectories(root.resolve("outside"));
        Files.writeString(dataDir.resolve("inside.txt"), "inside\n");
        Files.writeString(outsideDir.resolve("outside.txt"), OUTSIDE_CONTENT);
        Files.createSymbolicLink(dataDir.resolve("alias"), Path.of("inside.txt"));
        Files.createDirectories(dataDir.resolve("sub"));
        Files.createSymbolicLink(dataDir.resolve("sub/up"), Path.of("../inside.txt"));
        Files.createSymbolicLink(dataDir.resolve("manifest-link"), Path.of("../spin.toml"));
        Files.createSymbolicLink(dataDir.resolve("abs-link"), outsideDir.resolve("outside.txt").toAbsolutePath());
        Files.createSymbolicLink(dataDir.resolve("outside-dir"), Path.of("../../outside"));
        Files.createSymbolicLink(dataDir.resolve("abs-dir"), outsideDir.toAbsolutePath());
        Files.createSymbolicLink(dataDir.resolve("dangling"), outsideDir.resolve("dangling-created.txt").toAbsolutePath());
    }

    static WasiProbeApp create() throws IOException {
        return new WasiProbeApp(Files.createTempDirectory("spinj-wasi-probe-"));
    }

    /** The app loaded with {@code --direct-mounts}: the guest sees {@code data} itself at {@code /}. */
    LockedApp lockDirect() throws Exception {
        return AppLoader.load(appDir.resolve("spin.toml"), Files.createTempDirectory("spinj-test-"),
                new AppLoader.Options(true, Map.of()));
    }
}
