package dev.spinj.trigger.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC 7.2 precedence and duplicates, and the SPEC 6 route listing; cases from Spin's tests. */
class RouterTest {

    /** Routes given as "component=route" pairs, in manifest order. */
    private static Router router(String base, String... componentRoutes) {
        List<Route> routes = new ArrayList<>();
        for (String pair : componentRoutes) {
            int eq = pair.indexOf('=');
            routes.add(new Route(pair.substring(0, eq), pair.substring(eq + 1), null));
        }
        return Router.build(base, routes);
    }

    private static List<String> componentIds(Router router) {
        return router.routes().stream().map(RouteMatch::componentId).toList();
    }

    static Stream<Arguments> routingCases() {
        return Stream.of(
                Arguments.of("exact routes", "/", List.of("foo=/foo", "foobar=/foo/bar"), "/foo", "foo"),
                Arguments.of("exact routes", "/", List.of("foo=/foo", "foobar=/foo/bar"), "/foo/bar", "foobar"),
                Arguments.of("base applies", "/base", List.of("foo=/foo", "foobar=/foo/bar"), "/base/foo", "foo"),
                Arguments.of("base applies", "/base", List.of("foo=/foo", "foobar=/foo/bar"), "/base/foo/bar", "foobar"),
                Arguments.of("root wildcard", "/", List.of("all=/..."), "/foo/bar", "all"),
                Arguments.of("root wildcard", "/", List.of("all=/..."), "/abc/", "all"),
                Arguments.of("root wildcard", "/", List.of("all=/..."), "/", "all"),
                Arguments.of("root wildcard", "/", List.of("all=/..."), "/this/should/be/captured?abc=def", "all"),
                Arguments.of("longest prefix", "/",
                        List.of("one=/one/...", "onetwo=/one/two/...", "onetwothree=/one/two/three/..."),
                        "/one/two/three/four", "onetwothree"),
                Arguments.of("longest prefix regardless of order", "/",
                        List.of("onetwothree=/one/two/three/...", "onetwo=/one/two/...", "one=/one/..."),
                        "/one/two/three/four", "onetwothree"),
                Arguments.of("longest prefix stops at segments", "/",
                        List.of("one=/one/...", "onetwo=/one/two/..."), "/one/twofold", "one"),
                Arguments.of("exact beats wildcard", "/", List.of("one_exact=/one", "wildcard=/..."), "/one", "one_exact"),
                Arguments.of("exact beats wildcard declared first", "/", List.of("wildcard=/one/...", "one_exact=/one"),
                        "/one", "one_exact"),
                Arguments.of("exact with trailing slash", "/", List.of("foobar=/foo/bar", "all=/..."), "/foo/bar/", "foobar"),
                Arguments.of("root exact", "/", List.of("root=/", "all=/..."), "/", "root"),
                Arguments.of("root exact does not catch others", "/", List.of("root=/", "all=/..."), "/x", "all"));
    }

    @ParameterizedTest(name = "{0}: {3} goes to {4}")
    @MethodSource("routingCases")
    void pathIsRoutedToComponent(String rule, String base, List<String> routes, String path, String expected) {
        Router router = router(base, routes.toArray(String[]::new));
        assertEquals(expected, router.route(path).orElseThrow().componentId());
    }

    /** SPEC2 6.2: routefinder precedence and trailing slashes; cases from Spin's routes tests. */
    static Stream<Arguments> spin25RoutingCases() {
        return Stream.of(
                Arguments.of("exact beats param", List.of("param=/hey/:world", "exact=/hey/earth"), "/hey/earth", "exact"),
                Arguments.of("param beats wildcard", List.of("wild=/:a/:b/...", "param=/hey/:world"), "/hey/earth", "param"),
                Arguments.of("exact beats param beats wildcard", List.of("wild=/:a/:b/*", "param=/hey/:world",
                        "exact=/hey/earth"), "/hey/earth", "exact"),
                Arguments.of("param route over wildcard", List.of("wild=/users/...", "param=/users/:id"), "/users/1", "param"),
                Arguments.of("wildcard below param", List.of("wild=/users/...", "param=/users/:id"), "/users/1/x", "wild"),
                Arguments.of("first segment decides", List.of("a=/:x/b/c", "b=/a/:y/:z"), "/a/b/c", "b"),
                Arguments.of("param then exact", List.of("p=/:x/c", "q=/a/:y"), "/a/c", "q"),
                Arguments.of("longest wildcard wins over manifest order",
                        List.of("one=/one/...", "three=/one/two/three/...", "two=/one/two/..."), "/one/two/three/x", "three"),
                Arguments.of("exact over root wildcard", List.of("all=/...", "one=/one"), "/one", "one"),
                Arguments.of("star spelling of wildcard", List.of("star=/files/*"), "/files/a/b", "star"),
                Arguments.of("param with trailing slash", List.of("p=/users/:id"), "/users/9/", "p"),
                Arguments.of("param route written with trailing slash", List.of("p=/users/:id/"), "/users/9", "p"),
                Arguments.of("wildcard matches bare prefix", List.of("w=/u/:id/..."), "/u/1", "w"),
                Arguments.of("wildcard matches prefix with slash", List.of("w=/u/:id/..."), "/u/1/", "w"),
                Arguments.of("dotted params", List.of("file=/f/:name.:ext", "any=/f/:whole"), "/f/a.txt", "file"),
                Arguments.of("param before slash takes dots", List.of("any=/f/:whole"), "/f/a.b.c", "any"),
                Arguments.of("equal specs keep manifest order", List.of("first=/x/:a", "second=/x/:b"), "/x/1", "first"));
    }

    @ParameterizedTest(name = "{0}: {2} goes to {3}")
    @MethodSource("spin25RoutingCases")
    void spin25PathIsRoutedByPrecedence(String rule, List<String> routes, String path, String expected) {
        Router router = router("/", routes.toArray(String[]::new));
        assertEquals(expected, router.route(path).orElseThrow().componentId());
    }

    @ParameterizedTest(name = "{1} does not match {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/:id          | /users
            /users/:id          | /users/1/2
            /users/:id/...      | /users
            /users/:id/...      | /usersx/1
            /f/:name.:ext       | /f/readme
            /:a/b               | /x/c
            """)
    void spin25PathWithoutAMatch(String route, String path) {
        assertTrue(router("/", "c=" + route).route(path).isEmpty());
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/:     | Error parsing route /users/: associated with component c: params must be named
            /files/*rest | Error parsing route /files/*rest associated with component c: since there can only be one wildcard, it doesn't need a name. replace `*rest` with `*`
            """)
    void badRouteIsAStartupErrorInSpinWording(String route, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router("/", "c=" + route));
        assertEquals(message, e.getMessage());
    }

    @Test
    void privateRouteIsNeverMatchedForAClient() {
        Router router = Router.build("/", List.of(Route.privateRoute("hidden", null), new Route("other", "/other", null)));
        assertTrue(router.route("/").isEmpty());
        assertTrue(router.route("/hidden").isEmpty());
        assertEquals(List.of("other"), componentIds(router));
        assertEquals("hidden", router.routeToComponent("hidden").orElseThrow().componentId());
    }

    @Test
    void paramWildcardRouteIsListedAsWildcard() {
        Router router = Router.build("/", List.of(new Route("u", "/users/:id/...", null), new Route("v", "/v/:id", null)));
        assertEquals(List.of("Available Routes:", "  u: http://h/users/:id (wildcard)", "  v: http://h/v/:id"),
                router.availableRoutes("http://h"));
    }

    @Test
    void unmatchedPathHasNoRoute() {
        Router router = router("/", "foo=/foo", "bar=/bar/...");
        assertTrue(router.route("/baz").isEmpty());
        assertTrue(router.route("/barn").isEmpty());
    }

    @Test
    void matchCarriesBaseAndRawRouteAsWritten() {
        RouteMatch match = router("/base/", "comp=foo/...").route("/base/foo/x").orElseThrow();
        assertEquals("/base/", match.base());
        assertEquals("foo/...", match.rawRoute());
        assertEquals(new RoutePattern.Wildcard("/base/foo"), match.pattern());
    }

    @Test
    void sensibleRoutesAreAllReachable() {
        Router router = router("/", "/=/", "/foo=/foo", "/bar=/bar", "/whee/...=/whee/...");
        assertEquals(4, router.routes().size());
        assertEquals(0, router.duplicates().size());
    }

    @Test
    void orderOfReachableRoutesIsPreserved() {
        Router router = router("/", "comp-/=/", "comp-/foo=/foo", "comp-/bar=/bar", "comp-/whee/...=/whee/...");
        assertEquals(List.of("comp-/", "comp-/foo", "comp-/bar", "comp-/whee/..."), componentIds(router));
    }

    @Test
    void duplicateRoutesAreUnreachable() {
        Router router = router("/", "comp-/=/", "first=/foo", "second=/foo", "whee=/whee/...");
        assertEquals(3, router.routes().size());
        assertEquals(1, router.duplicates().size());
    }

    @Test
    void duplicateRouteLastOneWinsInTheFirstPosition() {
        Router router = router("/", "comp-/=/", "first=/foo", "second=/foo", "whee=/whee/...");
        assertEquals(List.of("comp-/", "second", "whee"), componentIds(router));
        assertEquals("second", router.route("/foo").orElseThrow().componentId());
        assertEquals(new DuplicateRoute(new RoutePattern.Exact("/foo"), "first", "second"), router.duplicates().get(0));
    }

    @Test
    void duplicatesAreDetectedAfterNormalisation() {
        Router router = router("/", "first=/foo/", "second=foo");
        assertEquals(List.of("second"), componentIds(router));
        assertEquals(1, router.duplicates().size());
    }

    @Test
    void exactAndWildcardOnTheSamePathAreNotDuplicates() {
        Router router = router("/", "exact=/foo", "wild=/foo/...");
        assertEquals(List.of("exact", "wild"), componentIds(router));
    }

    @Test
    void eachReplacementIsReportedAgainstItsReplacer() {
        Router router = router("/", "a=/x", "b=/x", "c=/x");
        assertEquals(List.of("  a: /x (duplicate of b)", "  b: /x (duplicate of c)"),
                router.duplicates().stream().map(DuplicateRoute::describe).toList());
    }

    @ParameterizedTest(name = "duplicate {0} is reported as {1}")
    @MethodSource("duplicateReports")
    void duplicateIsDescribedInSpinWording(String route, String line) {
        Router router = router("/", "first=" + route, "second=" + route);
        assertEquals(line, router.duplicates().get(0).describe());
    }

    static Stream<Arguments> duplicateReports() {
        return Stream.of(
                Arguments.of("/", "  first: / (duplicate of second)"),
                Arguments.of("/foo", "  first: /foo (duplicate of second)"),
                Arguments.of("/...", "  first: /... (duplicate of second)"),
                Arguments.of("/whee/...", "  first: /whee/... (duplicate of second)"));
    }

    @Test
    void availableRoutesListsEachRouteAfterTheBaseUrl() {
        Router router = Router.build("/test", List.of(
                new Route("hello", "/hello/...", null),
                new Route("exact", "/exact", null)));
        assertEquals(List.of(
                "Available Routes:",
                "  hello: http://127.0.0.1:3000/test/hello (wildcard)",
                "  exact: http://127.0.0.1:3000/test/exact"),
                router.availableRoutes("http://127.0.0.1:3000"));
    }

    @Test
    void availableRoutesShowsRootWildcardAsBareBaseUrl() {
        Router router = Router.build("/", List.of(new Route("root", "/...", null)));
        assertEquals(List.of("Available Routes:", "  root: http://127.0.0.1:3000 (wildcard)"),
                router.availableRoutes("http://127.0.0.1:3000"));
    }

    @Test
    void availableRoutesPrintsDescriptionOnItsOwnLine() {
        Router router = Router.build("/", List.of(
                new Route("hello", "/hello", "A simple greeting"),
                new Route("bye", "/bye", null)));
        assertEquals(List.of(
                "Available Routes:",
                "  hello: https://localhost:8443/hello",
                "    A simple greeting",
                "  bye: https://localhost:8443/bye"),
                router.availableRoutes("https://localhost:8443"));
    }

    @Test
    void availableRoutesOmitsDuplicates() {
        Router router = Router.build("/", List.of(
                new Route("first", "/foo", "first one"),
                new Route("second", "/foo", "second one")));
        assertEquals(List.of("Available Routes:", "  second: http://127.0.0.1:3000/foo", "    second one"),
                router.availableRoutes("http://127.0.0.1:3000"));
    }
}
