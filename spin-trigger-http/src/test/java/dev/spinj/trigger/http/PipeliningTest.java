package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 pipelining over a raw socket: responses in request order, whatever each guest takes.
 * The first request always loops until the 1 s request timeout (503), so a later, fast request
 * would overtake it if requests ran side by side.
 */
@Timeout(60)
class PipeliningTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static RunningApp start() throws Exception {
        var d = HttpTriggerOptions.defaults();
        var options = d.withLimits(d.maxBodyBytes(), d.maxHeaderBytes(), Duration.ofSeconds(1));
        return RunningApp.start(WasmApp.builder(RunningApp.lock("abi-probe")).build(), options);
    }

    private static String get(String path, String connection) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: " + connection + "\r\n\r\n";
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        try (RunningApp app = start(); RawConnection connection = app.connect()) {
            connection.send(get("/a/loop", "keep-alive") + get("/a/flavour", "keep-alive") + get("/b/flavour", "keep-alive"));
            assertEquals(503, connection.read(LIMIT).status());
            assertEquals("a", connection.read(LIMIT).body());
            assertEquals("b", connection.read(LIMIT).body());
        }
    }

    @Test
    void aPipelinedConnectionCloseRequestDoesNotStopTheResponsesBeforeIt() throws Exception {
        try (RunningApp app = start(); RawConnection connection = app.connect()) {
            connection.send(get("/a/loop", "keep-alive") + get("/a/flavour", "keep-alive") + get("/b/flavour", "close"));
            assertEquals(503, connection.read(LIMIT).status());
            assertEquals("a", connection.read(LIMIT).body());
            RawConnection.Response last = connection.read(LIMIT);
            assertEquals("b", last.body());
            assertEquals("close", last.header("connection"));
            assertTrue(connection.closedByServerWithin(LIMIT), "the connection closes after the Connection: close answer");
        }
    }
}
