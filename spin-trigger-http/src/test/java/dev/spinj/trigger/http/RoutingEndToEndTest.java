package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request path around the executors (SPEC 7.1), over real HTTP with the abi-probe app. */
@Timeout(60)
class RoutingEndToEndTest {
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start("abi-probe");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void pathWithoutARouteGives404WithEmptyBody() throws Exception {
        var response = app.get("/nothing/here");
        assertEquals(404, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void healthAnswersOk() throws Exception {
        var response = app.get("/.well-known/spin/health");
        assertEquals(200, response.statusCode());
        assertEquals("OK", response.body());
    }

    @Test
    void infoAnswersNameAndVersionAsPrettyJson() throws Exception {
        var response = app.get("/.well-known/spin/info");
        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("content-type"));
        assertEquals("{\n  \"name\": \"abi-probe\",\n  \"version\": \"0.1.0\"\n}", response.body());
    }

    @Test
    void unknownWellKnownPathGives404() throws Exception {
        assertEquals(404, app.get("/.well-known/spin/other").statusCode());
    }

    @Test
    void wildcardRouteMatchesItsBarePrefix() throws Exception {
        // "/a/..." matches "/a": path-info is empty, which the probe answers with 404 "no such probe"
        var response = app.get("/a");
        assertEquals(404, response.statusCode());
        assertEquals("no such probe", response.body());
    }

    @Test
    void startupPrintsServingAndTheRoutes() {
        assertTrue(app.startupOutput.startsWith("\nServing http://127.0.0.1:"), app.startupOutput);
        assertTrue(app.startupOutput.contains("Available Routes:\n  probe-a: http://127.0.0.1:"), app.startupOutput);
        assertTrue(app.startupOutput.contains("/a (wildcard)\n  probe-b: http://127.0.0.1:"), app.startupOutput);
    }
}
