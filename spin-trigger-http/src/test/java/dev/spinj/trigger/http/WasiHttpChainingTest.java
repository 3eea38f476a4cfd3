package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wasi:http component calling another by {@code http://<id>.spin.internal} (SPEC2 §3.7): served
 * in-process through the streaming executor, the callee's authority is the chained target's.
 */
@Timeout(60)
class WasiHttpChainingTest {

    @Test
    void aChainedWasiHttpComponentAnswersWithTheChainedAuthority() throws Exception {
        try (RunningApp app = RunningApp.start("wasi-http-chaining")) {
            var response = app.send(HttpRequest.newBuilder(app.url("/outbound"))
                    .header("x-scheme", "http").header("x-authority", "streamer.spin.internal").header("x-path", "/info?c=1"));
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertEquals(200, response.statusCode(), body);
            assertTrue(body.contains("authority=streamer.spin.internal\n"), body);
            assertTrue(body.contains("path=/info?c=1\n"), body);
        }
    }
}
