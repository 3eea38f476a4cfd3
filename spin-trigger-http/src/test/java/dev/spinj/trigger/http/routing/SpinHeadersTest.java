package dev.spinj.trigger.http.routing;

import static dev.spinj.trigger.http.routing.Requests.get;
import static dev.spinj.trigger.http.routing.Requests.withClient;
import static dev.spinj.trigger.http.routing.Requests.withScheme;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.wasm.http.Header;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 7.3; the fermyon.dev cases are Spin's {@code test_default_headers_*}. */
class SpinHeadersTest {

    private static final String URI = "/base/foo/bar?key1=value1&key2=value2";

    private static List<Header> headersFor(String base, String route, InboundRequest request) {
        RouteMatch match = Router.build(base, List.of(new Route("comp", route, null)))
                .route(request.path())
                .orElseThrow();
        return SpinHeaders.compute(match, request);
    }

    private static InboundRequest fermyonDev(String uri) {
        return withScheme(get(uri, new Header("host", "fermyon.dev")), "https");
    }

    @Test
    void headersUnderBasePathHaveSpinValuesInSpinOrder() {
        assertEquals(List.of(
                new Header("spin-path-info", "/bar"),
                new Header("spin-full-url", "https://fermyon.dev/base/foo/bar?key1=value1&key2=value2"),
                new Header("spin-matched-route", "/base/foo/..."),
                new Header("spin-base-path", "/base"),
                new Header("spin-raw-component-route", "/foo/..."),
                new Header("spin-component-route", "/foo"),
                new Header("spin-client-addr", "127.0.0.1:8777")),
                headersFor("/base", "/foo/...", fermyonDev(URI)));
    }

    @Test
    void headersUnderRootBaseHaveSpinValuesInSpinOrder() {
        assertEquals(List.of(
                new Header("spin-path-info", "/bar"),
                new Header("spin-full-url", "https://fermyon.dev/foo/bar?key1=value1&key2=value2"),
                new Header("spin-matched-route", "/foo/..."),
                new Header("spin-base-path", "/"),
                new Header("spin-raw-component-route", "/foo/..."),
                new Header("spin-component-route", "/foo"),
                new Header("spin-client-addr", "127.0.0.1:8777")),
                headersFor("/", "/foo/...", fermyonDev("/foo/bar?key1=value1&key2=value2")));
    }

    @ParameterizedTest(name = "base {0} + route {1}, path {2}: {3} = \"{4}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /      | /foo       | /foo            | spin-path-info           | ""
            /      | /foo       | /foo/           | spin-path-info           | /
            /      | /...       | /               | spin-path-info           | /
            /      | /...       | /a/b            | spin-path-info           | /a/b
            /      | /          | /               | spin-path-info           | /
            /      | /...       | /a%20b?x=%20    | spin-path-info           | /a%20b
            /      | /          | /               | spin-matched-route       | ""
            /      | /...       | /x              | spin-component-route     | ""
            /base/ | foo/       | /base/foo       | spin-matched-route       | /base/foo
            /base/ | foo/       | /base/foo       | spin-base-path           | /base/
            /base/ | foo/       | /base/foo       | spin-raw-component-route | foo/
            /base/ | foo/       | /base/foo       | spin-component-route     | foo/
            """)
    void headerValueFollowsTheMatch(String base, String route, String uri, String name, String value) {
        Header header = headersFor(base, route, get(uri)).stream()
                .filter(h -> h.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertEquals(value, header.value());
    }

    @Test
    void fullUrlFallsBackToLocalhostWithoutHostHeader() {
        assertEquals(new Header("spin-full-url", "http://localhost/x?y=z"), headersFor("/", "/...", get("/x?y=z")).get(1));
    }

    @ParameterizedTest(name = "client {0} port {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                | 8777  | 127.0.0.1:8777
            ::1                      | 8777  | [::1]:8777
            ::                       | 1     | [::]:1
            2001:db8:0:0:0:0:2:1     | 443   | [2001:db8::2:1]:443
            2001:db8:0:1:1:1:1:1     | 80    | [2001:db8:0:1:1:1:1:1]:80
            2001:0:0:1:0:0:0:1       | 80    | [2001:0:0:1::1]:80
            2001:db8:0:0:1:0:0:1     | 80    | [2001:db8::1:0:0:1]:80
            fe80:0:0:0:0:0:0:0       | 80    | [fe80::]:80
            """)
    void clientAddressIsPrintedLikeRust(String ip, int port, String expected) throws UnknownHostException {
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName(ip), port);
        InboundRequest request = withClient(get("/x"), client);
        assertEquals(new Header("spin-client-addr", expected), headersFor("/", "/...", request).get(6));
    }

    @Test
    void everyHeaderHasACgiTwin() {
        assertEquals(List.of("PATH_INFO", "X_FULL_URL", "X_MATCHED_ROUTE", "X_BASE_PATH",
                        "X_RAW_COMPONENT_ROUTE", "X_COMPONENT_ROUTE", "X_CLIENT_ADDR"),
                Arrays.stream(SpinHeader.values()).map(SpinHeader::cgiName).toList());
    }

    @Test
    void paramCapturesFollowTheSpinHeadersLowerCasedWithDashes() {
        List<Header> headers = headersFor("/", "/base/:path_segment/:userID/...", get("/base/a%20b/U1/x/y/"));
        assertEquals(List.of(
                new Header("spin-path-info", "/x/y/"),
                new Header("spin-full-url", "http://localhost/base/a%20b/U1/x/y/"),
                new Header("spin-matched-route", "/base/:path_segment/:userID/..."),
                new Header("spin-base-path", "/"),
                new Header("spin-raw-component-route", "/base/:path_segment/:userID/..."),
                new Header("spin-component-route", "/base/:path_segment/:userID"),
                new Header("spin-client-addr", "127.0.0.1:8777"),
                new Header("spin-path-match-path-segment", "a%20b"),
                new Header("spin-path-match-userid", "U1")),
                headers);
    }

    @ParameterizedTest(name = "{0} gives path-info \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /foo/1      | ""
            /foo/1/     | /
            /foo/1/bar  | /bar
            /foo/1/bar/ | /bar/
            """)
    void paramWildcardPathInfoKeepsTheTrailingSlash(String path, String pathInfo) {
        List<Header> headers = headersFor("/", "/foo/:n/...", get(path));
        assertEquals(new Header("spin-path-info", pathInfo), headers.get(0));
    }
}
