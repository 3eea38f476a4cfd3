package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Service chaining (SPEC2 3.7): a guest's request to {@code http://<component>.spin.internal} is
 * served in-process to that component, private route included, as Spin serves it. Real guests,
 * the real trigger, the v2 manifest in {@code apps/service-chaining}.
 */
@Timeout(120)
class ServiceChainingTest {
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start("service-chaining");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void chainedRequestReachesThePrivateComponentInProcessWithSpinsChainingHeaders() throws Exception {
        // Nothing on the network could answer: the name does not even resolve.
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName("b.spin.internal"));
        String out = app.post("/a/http", String.join("\n", "1\thttp://b.spin.internal/x?q=1",
                "spin-client-addr\t6.6.6.6:66", "x-custom\tyes", "", "hi")).body();
        assertEquals("""
                ok 200
                content-type: text/plain
                content-length: 254

                method=1
                uri=/x?q=1
                params=0
                body-len=2
                x-custom: yes
                content-length: 2
                spin-path-info: /x
                spin-full-url: http://localhost/x?q=1
                spin-matched-route: /...
                spin-base-path: /
                spin-raw-component-route: /...
                spin-component-route:\s
                spin-client-addr: 0.0.0.0:0
                """, out);
    }

    @Test
    void privateComponentStaysUnreachableFromOutside() throws Exception {
        assertEquals(404, app.post("/x", "").statusCode());
    }

    @Test
    void namedEntryAllowsOnlyThatComponent() throws Exception {
        String allowed = app.post("/named/http", "0\thttp://b.spin.internal/").body();
        assertEquals("ok 200", allowed.lines().findFirst().orElseThrow(), allowed);
        assertEquals("err 1\n", app.post("/named/http", "0\thttp://a.spin.internal/hello").body());
    }

    @Test
    void componentWithoutTheAllowListEntryGetsDestinationNotAllowed() throws Exception {
        assertEquals("err 1\n", app.post("/denied/http", "0\thttp://b.spin.internal/x").body());
    }

    @Test
    void wildcardCoversTheAppsComponentsOnly() throws Exception {
        assertEquals("ok 200\ncontent-type: text/plain\nx-probe: two\ncontent-length: 12\n\nhello from a",
                app.post("/a/http", "0\thttp://a.spin.internal/hello").body());
        assertEquals("err 1\n", app.post("/a/http", "0\thttp://nobody.spin.internal/x").body());
    }

    @Test
    void chainingToAnUnknownComponentTrapsTheCallerAndTheServerKeepsServing() throws Exception {
        HttpResponse<String> trapped = app.post("/named/http", "0\thttp://nobody.spin.internal/x");
        assertEquals(500, trapped.statusCode(), trapped::body);
        assertEquals("err 1\n", app.post("/denied/http", "0\thttp://b.spin.internal/x").body());
    }
}
