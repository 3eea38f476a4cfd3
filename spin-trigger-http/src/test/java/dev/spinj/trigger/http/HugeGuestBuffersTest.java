package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A guest claiming a 2 GiB buffer for a WASI call gets {@code EFAULT} (21) before the host allocates
 * anything (the probe then answers 500 with the errno), and the trigger goes on serving (issue 9.6).
 */
@Timeout(120)
class HugeGuestBuffersTest {
    private static final String EFAULT = "errno 21";

    private static void assertFaultThenServed(RunningApp app, String query) throws Exception {
        var response = app.get("/?" + query);
        assertEquals(500, response.statusCode(), query + ": " + response.body());
        assertEquals(EFAULT, response.body(), query);
        assertEquals("read: inside\n", app.get("/?mode=read&path=/inside.txt").body());
    }

    @Test
    void hugeReadsOfAMountedFileFailAndTheNextRequestIsServed() throws Exception {
        try (RunningApp app = RunningApp.start(WasiProbeApp.create().lockDirect(), false)) {
            assertFaultThenServed(app, "mode=bigread&path=/inside.txt");
            assertFaultThenServed(app, "mode=bigpread&path=/inside.txt");
        }
    }

    @Test
    void hugeReadOfStdinFails() throws Exception {
        try (RunningApp app = RunningApp.start(WasiProbeApp.create().lockDirect(), false)) {
            var response = app.send(HttpRequest.newBuilder(app.url("/?mode=bigstdin"))
                    .POST(HttpRequest.BodyPublishers.ofString("request body")));
            assertEquals(500, response.statusCode());
            assertEquals(EFAULT, new String(response.body()));
            assertEquals("read: inside\n", app.get("/?mode=read&path=/inside.txt").body());
        }
    }

    @Test
    void hugeStdoutWriteRandomFillAndPollFail() throws Exception {
        try (RunningApp app = RunningApp.start(WasiProbeApp.create().lockDirect(), false)) {
            assertFaultThenServed(app, "mode=bigwrite");
            assertFaultThenServed(app, "mode=bigrandom");
            assertFaultThenServed(app, "mode=bigpoll");
        }
    }
}
