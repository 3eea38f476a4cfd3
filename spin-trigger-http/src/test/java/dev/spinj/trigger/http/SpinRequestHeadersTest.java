package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.http.Header;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC 7.3 as a guest sees it: the echo guest under base {@code /base}, route {@code /foo/...},
 * answering {@code https://fermyon.dev/base/foo/bar?key1=value1&key2=value2}.
 */
@Timeout(60)
class SpinRequestHeadersTest {

    @Test
    void guestSeesTheSpinHeadersOfSpinsOwnTest() throws Exception {
        try (HttpTrigger trigger = RunningApp.trigger("headers-echo", Files.createTempDirectory("logs"))) {
            var request = new InboundRequest("GET", "/base/foo/bar?key1=value1&key2=value2", "/base/foo/bar",
                    "key1=value1&key2=value2", List.of(new Header("host", "fermyon.dev")), new byte[0],
                    new InetSocketAddress("127.0.0.1", 8777), "https", "HTTP/1.1");
            String echoed = new String(trigger.dispatcher().dispatch(request).body(), StandardCharsets.UTF_8);
            String spinHeaders = echoed.substring(echoed.indexOf("spin-path-info"));
            assertEquals("""
                    spin-path-info: /bar
                    spin-full-url: https://fermyon.dev/base/foo/bar?key1=value1&key2=value2
                    spin-matched-route: /base/foo/...
                    spin-base-path: /base
                    spin-raw-component-route: /foo/...
                    spin-component-route: /foo
                    spin-client-addr: 127.0.0.1:8777
                    """, spinHeaders);
        }
    }

    @Test
    void spinHeadersFollowTheClientHeadersOverRealHttp() throws Exception {
        try (RunningApp app = RunningApp.start("headers-echo")) {
            String body = app.post("/base/foo/bar?x=1", "", "x-custom-foo", "bar").body();
            assertTrue(body.indexOf("x-custom-foo: bar") < body.indexOf("spin-path-info: /bar"), body);
            assertTrue(body.contains("spin-full-url: http://127.0.0.1:"), body);
        }
    }

    @Test
    void aSpinHeaderSentByTheClientNeverReachesTheGuest() throws Exception {
        try (RunningApp app = RunningApp.start("headers-echo")) {
            String body = app.post("/base/foo/bar", "", "spin-client-addr", "6.6.6.6:666", "Spin-Full-Url", "https://evil/").body();
            assertFalse(body.contains("6.6.6.6") || body.contains("evil"), body);
            assertEquals(1, body.split("spin-client-addr: ", -1).length - 1, body);
            assertTrue(body.contains("spin-client-addr: 127.0.0.1:"), body);
        }
    }
}
