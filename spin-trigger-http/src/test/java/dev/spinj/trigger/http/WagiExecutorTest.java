package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WAGI executor (SPEC 8) over real HTTP, with the wagi-probe command module on {@code /...}. */
@Timeout(60)
class WagiExecutorTest {
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start("wagi-probe");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void argvIsThePathThenTheQueryArguments() throws Exception {
        String body = app.post("/test?abc=def", "", "x-custom-foo", "bar").body();
        assertTrue(body.startsWith("argc=2\nargv[0]=/test\nargv[1]=abc=def\n"), body);
    }

    @Test
    void requestHeadersBecomeHttpVariables() throws Exception {
        String body = app.post("/test?abc=def", "", "x-custom-foo", "bar").body();
        assertTrue(body.contains("\nHTTP_X_CUSTOM_FOO=bar\n"), body);
        assertTrue(body.contains("\nREQUEST_METHOD=POST\n"), body);
        assertTrue(body.contains("\nQUERY_STRING=abc=def\n"), body);
        assertTrue(body.contains("\nGATEWAY_INTERFACE=CGI/1.1\n"), body);
    }

    @Test
    void componentEnvironmentFollowsTheCgiVariables() throws Exception {
        String body = app.get("/x").body();
        assertTrue(body.contains("\nPROBE_GREETING=hello wagi\n"), body);
    }

    @Test
    void noQueryGivesATrailingEmptyArgument() throws Exception {
        String body = app.get("/test").body();
        assertTrue(body.startsWith("argc=2\nargv[0]=/test\nargv[1]=\n"), body);
    }

    @Test
    void bodyIsTheModulesStdin() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        var response = app.send(HttpRequest.newBuilder(app.url("/?mode=stdin")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
    }

    @Test
    void statusHeaderSetsTheStatus() throws Exception {
        var response = app.get("/?mode=status");
        assertEquals(404, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void locationAloneRedirectsWith302() throws Exception {
        var response = app.get("/?mode=location");
        assertEquals(302, response.statusCode());
        assertEquals(Optional.of("/index.html"), response.headers().firstValue("location"));
    }

    @Test
    void statusAndContentTypeTogether() throws Exception {
        var response = app.get("/?mode=both");
        assertEquals(201, response.statusCode());
        assertEquals("created", response.body());
        assertEquals(Optional.of("text/plain"), response.headers().firstValue("content-type"));
    }

    @Test
    void crlfHeaderLinesAreAccepted() throws Exception {
        var response = app.get("/?mode=crlf");
        assertEquals(200, response.statusCode());
        assertEquals("hello crlf\n", response.body());
        assertEquals(Optional.of("yes"), response.headers().firstValue("x-extra"));
    }

    @Test
    void outputWithoutContentTypeStatusOrLocationGives500WithSpinsMessage() throws Exception {
        var response = app.get("/?mode=none");
        assertEquals(500, response.statusCode());
        assertEquals("Exactly one of 'location' or 'content-type' must be specified", response.body());
    }

    @Test
    void emptyStdoutGives500() throws Exception {
        assertEquals(500, app.get("/?mode=empty").statusCode());
    }

    @Test
    void unparsableStatusGives502() throws Exception {
        assertEquals(502, app.get("/?mode=badstatus").statusCode());
    }

    @Test
    void nonZeroExitGives500() throws Exception {
        assertEquals(500, app.get("/?mode=exit1").statusCode());
    }

    @Test
    void procExitZeroIsSuccess() throws Exception {
        assertEquals(200, app.get("/?mode=exit0").statusCode());
    }
}
