package dev.spinj.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockedComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code files} copied into the working directory, or mounted in place with direct mounts. */
class ComponentFilesTest {
    @TempDir
    Path dir;

    private LockedComponent load(String app, boolean directMounts, String manifestText) throws Exception {
        Path manifest = TestApps.copy(app, dir.resolve("app"));
        if (manifestText != null) {
            Files.writeString(manifest, manifestText);
        }
        return AppLoader.load(manifest, dir.resolve("work"), new AppLoader.Options(directMounts, Map.of()))
                .components().get(0);
    }

    private List<String> copied(String component) throws IOException {
        Path root = dir.resolve("work/assets/" + component);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void copiesGlobMatchesAndPlacementsMinusExcludes() throws Exception {
        load("v1", false, null);
        assertEquals(List.of("placed/placed.txt", "static/a.txt", "static/sub/b.txt"), copied("hello"));
    }

    @Test
    void mountsTheCopyDirectoryAtRoot() throws Exception {
        LockedComponent component = load("v1", false, null);
        ContentPath mount = component.files().get(0);
        assertEquals("/", mount.path());
        assertEquals(dir.resolve("work/assets/hello").toUri().toString(), mount.content().source());
    }

    @Test
    void singleStarStaysInOneDirectory() throws Exception {
        load("v1", false, manifest("files = [\"static/*\"]"));
        assertEquals(List.of("static/a.txt", "static/readme.md"), copied("hello"));
    }

    @Test
    void plainDirectoryPatternCopiesWholeTree() throws Exception {
        load("v1", false, manifest("files = [\"static\"]\nexclude_files = [\"**/*.md\"]"));
        assertEquals(List.of("static/a.txt", "static/sub/b.txt", "static/sub/secret.txt"), copied("hello"));
    }

    @Test
    void directMountsMountOriginalDirectories() throws Exception {
        LockedComponent component = load("v1", true,
                manifest("files = [\"static\", { source = \"assets-dir\", destination = \"/placed\" }]"));
        Path app = dir.resolve("app");
        assertEquals(List.of(
                        new ContentPath(ContentRef.ofPath(app.resolve("static")), "/static"),
                        new ContentPath(ContentRef.ofPath(app.resolve("assets-dir")), "/placed")),
                component.files());
    }

    @Test
    void directMountsRejectExcludeFiles() {
        AppLoadException e = assertThrows(AppLoadException.class, () -> load("v1", true, null));
        assertEquals("Failed to load component `hello`", e.getMessage());
        assertEquals("Cannot load a component with `exclude_files` using --direct-mounts", e.getCause().getMessage());
    }

    @Test
    void directMountsRejectFilePatterns() {
        AppLoadException e = assertThrows(AppLoadException.class,
                () -> load("v1", true, manifest("files = [\"static/*.txt\"]")));
        assertEquals("Only directory mounts are supported with `--direct-mounts`; \"static/*.txt\" is not a directory.",
                e.getCause().getMessage());
    }

    @Test
    void missingPlainPathIsAnError() {
        AppLoadException e = assertThrows(AppLoadException.class,
                () -> load("v1", false, manifest("files = [\"nope.txt\"]")));
        assertEquals("\"nope.txt\" does not exist and doesn't appear to be a glob pattern", e.getCause().getMessage());
    }

    @Test
    void filesOutsideTheAppDirectoryAreRefused() {
        AppLoadException e = assertThrows(AppLoadException.class,
                () -> load("v1", false, manifest("files = [\"../*\"]")));
        assertEquals("../* cannot be mapped because it is outside the application directory."
                + " Files must be within the application directory.", e.getCause().getMessage());
    }

    private static String manifest(String filesLines) {
        return """
                spin_manifest_version = "1"
                name = "app"
                version = "1.0.0"
                trigger = { type = "http", base = "/" }

                [[component]]
                id = "hello"
                source = "hello.wasm"
                %s
                [component.trigger]
                route = "/..."
                """.formatted(filesLines);
    }
}
