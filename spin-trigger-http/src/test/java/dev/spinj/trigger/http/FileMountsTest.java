package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.LockedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A component's {@code files} are visible at their guest paths and read-only unless writes are allowed. */
@Timeout(60)
class FileMountsTest {

    private static Path mountDir(LockedApp app) {
        return app.component("probe-a").orElseThrow().files().get(0).content().localPath();
    }

    @Test
    void mountedFileIsReadableAtItsGuestPath() throws Exception {
        try (RunningApp app = RunningApp.start("abi-probe")) {
            var response = app.get("/a/read-file");
            assertEquals(200, response.statusCode());
            assertEquals("mounted for the abi-probe\n", response.body());
        }
    }

    @Test
    void mountsAreReadOnlyByDefault() throws Exception {
        LockedApp lock = RunningApp.lock("abi-probe");
        try (RunningApp app = RunningApp.start(lock, false)) {
            var response = app.get("/a/write-file");
            assertTrue(response.body().startsWith("denied: "), response.body());
            assertFalse(Files.exists(mountDir(lock).resolve("written.txt")));
        }
    }

    @Test
    void allowTransientWriteLetsTheGuestWriteItsCopy() throws Exception {
        LockedApp lock = RunningApp.lock("abi-probe");
        try (RunningApp app = RunningApp.start(lock, true)) {
            assertEquals("written", app.get("/a/write-file").body());
            assertEquals("guest data\n", Files.readString(mountDir(lock).resolve("written.txt")));
            assertFalse(Files.exists(Path.of("src/test/resources/apps/abi-probe/written.txt")));
        }
    }
}
