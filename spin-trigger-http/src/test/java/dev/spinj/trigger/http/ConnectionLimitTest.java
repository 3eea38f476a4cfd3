package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --max-connections}: the server holds at most that many connections; beyond it clients wait their turn. */
@Timeout(60)
class ConnectionLimitTest {
    private static final String GET = "GET /a/flavour HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Test
    void aClientBeyondTheCapIsServedOnlyOnceAnIdleConnectionTimesOut() throws Exception {
        var d = HttpTriggerOptions.defaults();
        Duration idle = Duration.ofSeconds(3);
        var options = d.withConnectionLimits(d.headerReadTimeout(), idle, 1);
        try (RunningApp app = RunningApp.start(WasmApp.builder(RunningApp.lock("abi-probe")).build(), options);
                RawConnection first = app.connect();
                RawConnection second = app.connect()) {
            assertEquals("a", first.send(GET).read(Duration.ofSeconds(10)).body());
            second.send(GET);
            // the first connection is open and idle: the second waits unaccepted
            assertThrows(SocketTimeoutException.class, () -> second.read(Duration.ofMillis(500)));
            assertFalse(first.closedByServerWithin(Duration.ofMillis(1)), "the first connection is still open");
            // the first one's idle timeout frees the slot; the waiting client is accepted and served
            assertEquals("a", second.read(Duration.ofSeconds(20)).body());
            assertTrue(first.closedByServerWithin(Duration.ofMillis(1)), "the slot came from the idle connection closing");
        }
    }
}
