package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spin executor against one C guest built in both ABI flavours (abi-probe): flavour A
 * ({@code handle-http-request}, host frees) under {@code /a/...}, flavour B
 * ({@code fermyon:spin/inbound-http#handle-request}, {@code cabi_post_}) under {@code /b/...}.
 */
@Timeout(120)
class SpinExecutorAbiTest {
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start("abi-probe");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void eachFlavourAnswersFromItsOwnBuild(String flavour) throws Exception {
        var response = app.get("/" + flavour + "/flavour");
        assertEquals(200, response.statusCode());
        assertEquals(flavour, response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void guestSeesMethodUriEmptyParamsAndClientHeaders(String flavour) throws Exception {
        var response = app.post("/" + flavour + "/echo?abc=def", "hello", "x-custom-foo", "bar");
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.startsWith("method=1\nuri=/" + flavour + "/echo?abc=def\nparams=0\nbody-len=5\n"), body);
        assertTrue(body.contains("\nx-custom-foo: bar\n"), body);
        assertTrue(body.contains("\nspin-path-info: /echo\n"), body);
        assertTrue(body.contains("\nspin-raw-component-route: /" + flavour + "/...\n"), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void handlerRunsOnlyAfterInitialize(String flavour) throws Exception {
        // the probe traps on every path unless its C constructors ran, which only _initialize does
        var response = app.get("/" + flavour + "/initialized");
        assertEquals(200, response.statusCode());
        assertEquals("yes", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void emptyHeaderValuesRoundTrip(String flavour) throws Exception {
        var response = app.send(HttpRequest.newBuilder(app.url("/" + flavour + "/empty-header")).header("x-empty", ""));
        assertEquals(200, response.statusCode());
        assertEquals(Optional.of(""), response.headers().firstValue("x-empty"));
        assertEquals(Optional.of(""), response.headers().firstValue("x-request-empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void emptyBodyRoundTrips(String flavour) throws Exception {
        var response = app.send(HttpRequest.newBuilder(app.url("/" + flavour + "/body"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void oneMebibyteBodyRoundTrips(String flavour) throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);
        var response = app.send(HttpRequest.newBuilder(app.url("/" + flavour + "/body"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void noneHeadersAndNoneBodyGiveAnEmptyResponse(String flavour) throws Exception {
        var response = app.get("/" + flavour + "/none");
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals(Optional.of("0"), response.headers().firstValue("content-length"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void guestStatusIsPassedThrough(String flavour) throws Exception {
        assertEquals(418, app.get("/" + flavour + "/status/418").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void statusOutsideTheHttpRangeGives500WithEmptyBody(String flavour) throws Exception {
        var response = app.get("/" + flavour + "/status/700");
        assertEquals(500, response.statusCode());
        assertEquals("", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void trapGives500AndTheNextRequestIsServed(String flavour) throws Exception {
        var trapped = app.get("/" + flavour + "/trap");
        assertEquals(500, trapped.statusCode());
        assertEquals("", trapped.body());
        assertEquals(200, app.get("/" + flavour + "/flavour").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void componentEnvironmentIsTheGuestsWasiEnvironment(String flavour) throws Exception {
        var response = app.get("/" + flavour + "/env");
        assertTrue(response.body().contains("PROBE_FLAVOUR=" + flavour + "\n"), response.body());
        assertTrue(response.body().contains("PROBE_GREETING=hello probe\n"), response.body());
    }

    @Test
    void guestStdoutAndStderrAreAppendedToTheComponentLogFiles() throws Exception {
        assertEquals("logged", app.get("/a/stdio").body());
        assertTrue(Files.readString(app.logDir.resolve("probe-a_stdout.txt")).contains("to-stdout\n"));
        assertTrue(Files.readString(app.logDir.resolve("probe-a_stderr.txt")).contains("to-stderr\n"));
    }

    @Test
    void methodOutsideTheSpinEnumGives405() throws Exception {
        var response = app.send(HttpRequest.newBuilder(app.url("/a/echo"))
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, response.statusCode());
        assertEquals(0, response.body().length);
    }

    @Test
    void headRequestReachesTheGuestAndGetsNoBody() throws Exception {
        var response = app.send(HttpRequest.newBuilder(app.url("/a/flavour"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(Optional.of("1"), response.headers().firstValue("content-length"));
    }
}
