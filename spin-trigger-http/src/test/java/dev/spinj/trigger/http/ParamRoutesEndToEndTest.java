package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spin 2.5+ routes over real HTTP (SPEC2 6.2, 3.3): the abi-probe guest echoes the headers it was given. */
@Timeout(60)
class ParamRoutesEndToEndTest {
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start("param-routes");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void paramAndWildcardCapturesReachTheGuestAsSpinHeaders() throws Exception {
        var response = app.get("/users/42/posts/2026/hello/");
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("\nspin-path-info: /2026/hello/\n"), body);
        assertTrue(body.contains("\nspin-matched-route: /users/:user_id/posts/...\n"), body);
        assertTrue(body.contains("\nspin-component-route: /users/:user_id/posts\n"), body);
        assertTrue(body.endsWith("\nspin-path-match-user-id: 42\n") || body.endsWith("\nspin-path-match-user-id: 42"), body);
    }

    @Test
    void paramRouteWithoutWildcardHasEmptyPathInfo() throws Exception {
        String body = app.get("/users/7").body();
        assertTrue(body.contains("\nspin-path-info: \n"), body);
        assertTrue(body.contains("\nspin-matched-route: /users/:user_id\n"), body);
        assertTrue(body.contains("spin-path-match-user-id: 7"), body);
    }

    @Test
    void exactRouteBeatsTheParamRouteDeclaredBeforeIt() throws Exception {
        String body = app.get("/users/admin").body();
        assertTrue(body.contains("WHO=admin"), body);
        assertFalse(body.contains("spin-path-match"), body);
    }

    @Test
    void paramNeedsItsSegment() throws Exception {
        assertEquals(404, app.get("/users").statusCode());
        assertEquals(404, app.get("/users/1/comments").statusCode());
    }
}
