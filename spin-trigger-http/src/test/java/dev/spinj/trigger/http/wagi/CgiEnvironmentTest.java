package dev.spinj.trigger.http.wagi;

import static dev.spinj.trigger.http.routing.Requests.get;
import static dev.spinj.trigger.http.routing.Requests.request;
import static dev.spinj.trigger.http.routing.Requests.withClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.routing.Route;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.Router;
import dev.spinj.wasm.http.Header;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 8 CGI variables; the {@code POST /test?abc=def} request is Spin's {@code test_wagi_http}. */
class CgiEnvironmentTest {

    private static Map<String, String> env(String base, String route, InboundRequest request) {
        RouteMatch match = Router.build(base, List.of(new Route("wagi", route, null)))
                .route(request.path())
                .orElseThrow();
        return CgiEnvironment.build(match, request);
    }

    private static Map<String, String> wagiHttpTest() {
        InboundRequest request = request("POST", "/test?abc=def", "hello",
                new Header("host", "127.0.0.1:3000"),
                new Header("x-custom-foo", "bar"),
                new Header("authorization", "Bearer secret"),
                new Header("connection", "keep-alive"),
                new Header("content-type", "text/plain"));
        return env("/", "/test", request);
    }

    @Test
    void requestHeaderBecomesHttpVariable() {
        assertEquals("bar", wagiHttpTest().get("HTTP_X_CUSTOM_FOO"));
    }

    @Test
    void authorizationAndConnectionAreWithheld() {
        Map<String, String> env = wagiHttpTest();
        assertFalse(env.containsKey("HTTP_AUTHORIZATION"));
        assertFalse(env.containsKey("HTTP_CONNECTION"));
    }

    @Test
    void contentTypeHeaderShowsAsHttpVariableOnly() {
        Map<String, String> env = wagiHttpTest();
        assertEquals("text/plain", env.get("HTTP_CONTENT_TYPE"));
        assertEquals("", env.get("CONTENT_TYPE"));
    }

    @Test
    void contentTypeComesFromAHeaderLiterallyNamedContentUnderscoreType() {
        assertEquals("text/csv", env("/", "/...", get("/x", new Header("content_type", "text/csv"))).get("CONTENT_TYPE"));
    }

    @Test
    void fixedCgiVariablesAreSet() {
        Map<String, String> env = wagiHttpTest();
        assertEquals("", env.get("AUTH_TYPE"));
        assertEquals("", env.get("REMOTE_USER"));
        assertEquals("CGI/1.1", env.get("GATEWAY_INTERFACE"));
        assertEquals("WAGI/1", env.get("SERVER_SOFTWARE"));
        assertEquals("HTTP/1.1", env.get("SERVER_PROTOCOL"));
    }

    @Test
    void requestLineVariablesAreSet() {
        Map<String, String> env = wagiHttpTest();
        assertEquals("POST", env.get("REQUEST_METHOD"));
        assertEquals("abc=def", env.get("QUERY_STRING"));
    }

    @Test
    void queryStringIsEmptyWithoutQuery() {
        assertEquals("", env("/", "/test", get("/test")).get("QUERY_STRING"));
    }

    @ParameterizedTest(name = "body \"{0}\" has CONTENT_LENGTH {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""      | 0
            hello   | 5
            héllo   | 6
            """)
    void contentLengthIsTheBodyLengthInBytes(String body, String length) {
        assertEquals(length, env("/", "/...", request("POST", "/x", body)).get("CONTENT_LENGTH"));
    }

    @Test
    void remoteAddressIsTheClientIpWithoutPort() {
        Map<String, String> env = wagiHttpTest();
        assertEquals("127.0.0.1", env.get("REMOTE_ADDR"));
        assertEquals("127.0.0.1", env.get("REMOTE_HOST"));
        assertEquals("127.0.0.1:8777", env.get("X_CLIENT_ADDR"));
    }

    @Test
    void ipv6RemoteAddressHasNoBrackets() throws UnknownHostException {
        InboundRequest request = withClient(get("/x"), new InetSocketAddress(InetAddress.getByName("::1"), 4000));
        Map<String, String> env = env("/", "/...", request);
        assertEquals("::1", env.get("REMOTE_ADDR"));
        assertEquals("[::1]:4000", env.get("X_CLIENT_ADDR"));
    }

    @ParameterizedTest(name = "Host {0} gives SERVER_NAME {1} and SERVER_PORT {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            127.0.0.1:3000    | 127.0.0.1    | 3000
            example.com       | example.com  | 80
            example.com:8080  | example.com  | 8080
            example.com:      | example.com  | 80
            [::1]:3000        | [::1]        | 3000
            [::1]             | [::1]        | 80
            NONE              | default_host | 80
            """)
    void serverNameAndPortComeFromHostHeader(String host, String name, String port) {
        InboundRequest request = host == null ? get("/x") : get("/x", new Header("host", host));
        Map<String, String> env = env("/", "/...", request);
        assertEquals(name, env.get("SERVER_NAME"));
        assertEquals(port, env.get("SERVER_PORT"));
    }

    @ParameterizedTest(name = "base {0} + route {1}, path {2}: SCRIPT_NAME {3}, PATH_INFO {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /     | /test       | /test            | /test     | ""
            /base | /foo/...    | /base/foo/bar    | /base/foo | /bar
            /     | /...        | /                | ""        | /
            /     | /...        | /a/b             | ""        | /a/b
            /     | /foo        | /foo/            | /foo      | /
            """)
    void scriptNameIsThePatternAndPathInfoTheRest(String base, String route, String path, String script, String info) {
        Map<String, String> env = env(base, route, get(path));
        assertEquals(script, env.get("SCRIPT_NAME"));
        assertEquals(info, env.get("PATH_INFO"));
        assertEquals(info, env.get("X_RAW_PATH_INFO"));
    }

    @Test
    void pathInfoStaysRawWhilePathTranslatedIsDecoded() {
        Map<String, String> env = env("/", "/files/...", get("/files/a%20b/c%2Fd+e%zz%C3%A9"));
        assertEquals("/a%20b/c%2Fd+e%zz%C3%A9", env.get("PATH_INFO"));
        assertEquals("/a%20b/c%2Fd+e%zz%C3%A9", env.get("X_RAW_PATH_INFO"));
        assertEquals("/a b/c/d+e%zzé", env.get("PATH_TRANSLATED"));
    }

    @Test
    void spinFactsAreSetUnderTheirCgiNames() {
        InboundRequest request = get("/base/foo/bar?k=v", new Header("host", "fermyon.dev"));
        Map<String, String> env = env("/base", "/foo/...", request);
        assertEquals("http://fermyon.dev/base/foo/bar?k=v", env.get("X_FULL_URL"));
        assertEquals("/base/foo/...", env.get("X_MATCHED_ROUTE"));
        assertEquals("/base", env.get("X_BASE_PATH"));
        assertEquals("/foo/...", env.get("X_RAW_COMPONENT_ROUTE"));
        assertEquals("/foo", env.get("X_COMPONENT_ROUTE"));
    }

    @Test
    void repeatedHeaderKeepsItsLastValue() {
        InboundRequest request = get("/x", new Header("accept", "text/html"), new Header("accept", "text/plain"));
        assertEquals("text/plain", env("/", "/...", request).get("HTTP_ACCEPT"));
    }

    @ParameterizedTest(name = "header value \"{0}\" becomes \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            plain         | plain
            "a\tb"        | "a\tb"
            ""            | ""
            café          | CORRUPT VALUE
            """)
    void headerValueOutsideVisibleAsciiIsCorrupt(String value, String expected) {
        assertEquals(expected, env("/", "/...", get("/x", new Header("x-v", value))).get("HTTP_X_V"));
    }

    @Test
    void variablesComeInCgiThenSpinThenHeaderOrder() {
        assertEquals(List.of("AUTH_TYPE", "CONTENT_LENGTH", "CONTENT_TYPE", "GATEWAY_INTERFACE", "QUERY_STRING",
                        "REMOTE_ADDR", "REMOTE_HOST", "REMOTE_USER", "REQUEST_METHOD", "SCRIPT_NAME", "X_RAW_PATH_INFO",
                        "PATH_TRANSLATED", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "SERVER_SOFTWARE",
                        "PATH_INFO", "X_FULL_URL", "X_MATCHED_ROUTE", "X_BASE_PATH", "X_RAW_COMPONENT_ROUTE",
                        "X_COMPONENT_ROUTE", "X_CLIENT_ADDR", "HTTP_HOST", "HTTP_X_CUSTOM_FOO", "HTTP_CONTENT_TYPE"),
                List.copyOf(wagiHttpTest().keySet()));
    }
}
