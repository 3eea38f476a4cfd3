package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code --direct-mounts} a guest sees the app's own directory; symlinks in it must not lead the
 * guest out, for reading or (with {@code --allow-transient-write}) for creating files (issue 9.1).
 */
@Timeout(120)
class DirectMountsConfinementTest {

    private static void assertDenied(RunningApp app, String mode, String path) throws Exception {
        var response = app.get("/?mode=" + mode + "&path=" + path);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("denied: "), mode + " " + path + " answered: " + response.body());
    }

    @Test
    void filesAndSymlinksInsideTheMountStayReadable() throws Exception {
        var probe = WasiProbeApp.create();
        try (RunningApp app = RunningApp.start(probe.lockDirect(), false)) {
            assertEquals("read: inside\n", app.get("/?mode=read&path=/inside.txt").body());
            assertEquals("read: inside\n", app.get("/?mode=read&path=/alias").body());
            assertEquals("read: inside\n", app.get("/?mode=read&path=/sub/up").body());
        }
    }

    @Test
    void fileSymlinksOutOfTheMountAreNotFollowed() throws Exception {
        var probe = WasiProbeApp.create();
        try (RunningApp app = RunningApp.start(probe.lockDirect(), false)) {
            assertDenied(app, "read", "/manifest-link");
            assertDenied(app, "read", "/abs-link");
        }
    }

    @Test
    void directorySymlinksOutOfTheMountAreNotFollowed() throws Exception {
        var probe = WasiProbeApp.create();
        try (RunningApp app = RunningApp.start(probe.lockDirect(), false)) {
            assertDenied(app, "read", "/outside-dir/outside.txt");
            assertDenied(app, "read", "/abs-dir/outside.txt");
            assertDenied(app, "list", "/outside-dir");
            assertDenied(app, "list", "/abs-dir");
        }
    }

    @Test
    void dotDotDoesNotLeaveTheMountEvenAfterASymlink() throws Exception {
        var probe = WasiProbeApp.create();
        try (RunningApp app = RunningApp.start(probe.lockDirect(), false)) {
            assertDenied(app, "read", "/../spin.toml");
            assertDenied(app, "read", "/sub/../../spin.toml");
            assertDenied(app, "read", "/outside-dir/../app/spin.toml");
        }
    }

    @Test
    void transientWritesThroughSymlinksCreateAndChangeNothingOutside() throws Exception {
        var probe = WasiProbeApp.create();
        try (RunningApp app = RunningApp.start(probe.lockDirect(), true)) {
            assertDenied(app, "create", "/outside-dir/created.txt");
            assertDenied(app, "create", "/abs-dir/created.txt");
            assertDenied(app, "create", "/dangling");
            assertDenied(app, "create", "/abs-link");
            assertEquals("created", app.get("/?mode=create&path=/sub/fresh.txt").body());
        }
        assertFalse(Files.exists(probe.outsideDir.resolve("created.txt")));
        assertFalse(Files.exists(probe.outsideDir.resolve("dangling-created.txt")));
        assertEquals(WasiProbeApp.OUTSIDE_CONTENT, Files.readString(probe.outsideDir.resolve("outside.txt")));
        assertEquals("escaped\n", Files.readString(probe.dataDir.resolve("sub/fresh.txt")));
    }
}
