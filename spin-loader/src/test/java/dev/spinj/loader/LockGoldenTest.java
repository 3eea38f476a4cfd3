package dev.spinj.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.loader.lock.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock JSON written for each manifest version, byte for byte, with the temp dir as {@code <DIR>}. */
class LockGoldenTest {
    @TempDir
    Path dir;

    @Test
    void v1ManifestWritesSpin1LockShape() throws Exception {
        assertEquals(golden("v1"), written("v1"));
    }

    @Test
    void v2ManifestWritesSpin2LockShape() throws Exception {
        assertEquals(golden("v2"), written("v2"));
    }

    /** Build command lists, tool tables, targets, :param/private/static routes, templated hosts. */
    @Test
    void v2RoutesAndBuildKeysWriteSpin3LockShape() throws Exception {
        assertEquals(golden("v2-routes"), written("v2-routes"));
    }

    /** Dependencies from a path and from another component, each inherit form. */
    @Test
    void v2DependenciesAreCarriedIntoTheLock() throws Exception {
        assertEquals(golden("v2-deps"), written("v2-deps"));
    }

    /** --profile debug replaces source and build, merges environment; chaining sets host_requirements. */
    @Test
    void v2ProfileAndServiceChainingWriteSpin4LockShape() throws Exception {
        assertEquals(golden("v2-profile"), written("v2-profile", "debug"));
    }

    private String written(String app) throws Exception {
        return written(app, null);
    }

    private String written(String app, String profile) throws Exception {
        Path manifest = TestApps.copy(app, dir.resolve("app"));
        AppLoader.Options options = new AppLoader.Options(false, Map.of("EXTRA", "from --env")).withProfile(profile);
        String json = LockFiles.toJson(AppLoader.load(manifest, dir.resolve("work"), options));
        return json.replace(dir.toUri().getRawPath(), "<DIR>/").replace(dir.toString(), "<DIR>");
    }

    private static String golden(String app) throws Exception {
        return Files.readString(TestApps.resource("apps/" + app + ".lock"));
    }
}
