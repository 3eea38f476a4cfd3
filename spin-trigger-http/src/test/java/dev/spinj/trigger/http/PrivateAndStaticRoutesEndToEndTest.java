package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code apps/private-static} served for real: the trigger builds private routes and static responses from the lock. */
@Timeout(60)
class PrivateAndStaticRoutesEndToEndTest {

    @Test
    void aStaticResponseIsServedWithoutAComponent() throws Exception {
        try (RunningApp app = RunningApp.start("private-static")) {
            var moved = app.get("/old");
            assertEquals(301, moved.statusCode());
            assertEquals("/spin", moved.headers().firstValue("location").orElseThrow());
            assertEquals("moved", moved.body());
        }
    }

    @Test
    void aPrivateRouteIsNotFoundFromOutsideWhileThePublicOneServes() throws Exception {
        try (RunningApp app = RunningApp.start("private-static")) {
            assertEquals(200, app.get("/spin").statusCode());
            assertEquals(404, app.get("/").statusCode());
            assertEquals(404, app.get("/hidden").statusCode());
        }
    }
}
