package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that hold a descriptor without a request in flight are closed (slowloris, idle
 * keep-alive); a request whose guest is still working is never cut. Raw sockets over loopback.
 */
@Timeout(60)
class ConnectionTimeoutsTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    private static final Duration LONG = Duration.ofSeconds(60);
    /** Far beyond the short timeouts, far below the long ones: a close within it is the short timeout's. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HEAD = "GET /a/flavour HTTP/1.1\r\nHost: localhost\r\n";

    private static RunningApp start(Duration headerRead, Duration idle, Duration requestTimeout) throws Exception {
        var d = HttpTriggerOptions.defaults();
        var options = d.withLimits(d.maxBodyBytes(), d.maxHeaderBytes(), requestTimeout)
                .withConnectionLimits(headerRead, idle, d.maxConnections());
        return RunningApp.start(WasmApp.builder(RunningApp.lock("abi-probe")).build(), options);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderReadTimeout() throws Exception {
        try (RunningApp app = start(SHORT, LONG, LONG); RawConnection connection = app.connect()) {
            assertTrue(connection.closedByServerWithin(WAIT));
        }
    }

    @Test
    void aRequestHeadThatNeverEndsIsClosedAfterTheHeaderReadTimeout() throws Exception {
        try (RunningApp app = start(SHORT, LONG, LONG); RawConnection connection = app.connect()) {
            connection.send(HEAD);
            for (int i = 0; i < 3; i++) {
                // trickled header lines do not extend the deadline
                Thread.sleep(100);
                connection.send("x-slow-" + i + ": 1\r\n");
            }
            assertTrue(connection.closedByServerWithin(WAIT));
        }
    }

    @Test
    void aKeepAliveConnectionThatStartsARequestAndStallsIsClosedAfterTheHeaderReadTimeout() throws Exception {
        try (RunningApp app = start(SHORT, LONG, LONG); RawConnection connection = app.connect()) {
            assertEquals("a", connection.send(HEAD + "\r\n").read(WAIT).body());
            connection.send(HEAD);
            assertTrue(connection.closedByServerWithin(WAIT));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RunningApp app = start(LONG, SHORT, LONG); RawConnection connection = app.connect()) {
            assertEquals("a", connection.send(HEAD + "\r\n").read(WAIT).body());
            assertTrue(connection.closedByServerWithin(WAIT));
        }
    }

    @Test
    void aStalledRequestBodyIsClosedAfterTheIdleTimeout() throws Exception {
        try (RunningApp app = start(LONG, SHORT, LONG); RawConnection connection = app.connect()) {
            connection.send("POST /a/body HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
            assertTrue(connection.closedByServerWithin(WAIT));
        }
    }

    @Test
    void aGuestStillWorkingPastBothTimeoutsIsNotCut() throws Exception {
        // the guest loops until the 2 s request timeout, four times the header-read and idle timeouts
        try (RunningApp app = start(SHORT, SHORT, Duration.ofSeconds(2)); RawConnection connection = app.connect()) {
            connection.send("GET /a/loop HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(503, connection.read(WAIT).status());
        }
    }
}
