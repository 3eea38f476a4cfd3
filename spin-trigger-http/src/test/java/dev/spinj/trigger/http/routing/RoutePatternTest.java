package dev.spinj.trigger.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 7.2 pattern construction and matching; cases from Spin's {@code route_tests}. */
class RoutePatternTest {

    @ParameterizedTest(name = "base {0} + route {1} is {2}({3})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /       | /             | Exact    | ""
            /       | /...          | Wildcard | ""
            /       | ...           | Wildcard | ""
            /       | /foo/bar      | Exact    | /foo/bar
            /       | foo/bar       | Exact    | /foo/bar
            /       | /foo/bar/     | Exact    | /foo/bar
            /       | /foo//        | Exact    | /foo/
            /       | /foo/...      | Wildcard | /foo
            /       | /foo/.../     | Wildcard | /foo
            /       | /foo/...bar   | Exact    | /foo/...bar
            /       | /.../foo      | Exact    | /.../foo
            /       | /foo...       | Exact    | /foo...
            /base   | /             | Exact    | /base
            /base   | /foo          | Exact    | /base/foo
            /base/  | /foo          | Exact    | /base/foo
            /base/  | /foo/         | Exact    | /base/foo
            /base   | /...          | Wildcard | /base
            /test   | /hello/...    | Wildcard | /test/hello
            /base// | /foo          | Exact    | /base//foo
            """)
    void patternIsBuiltFromBaseAndRoute(String base, String route, String kind, String path) {
        RoutePattern expected = kind.equals("Exact") ? new RoutePattern.Exact(path) : new RoutePattern.Wildcard(path);
        assertEquals(expected, RoutePattern.from(base, route));
    }

    @ParameterizedTest(name = "base {0} + route {1} matches {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /      | /foo/bar  | /foo/bar                                 | true
            /      | /foo/bar  | /foo/bar/                                | true
            /      | /foo/bar  | /foo/bar//                               | false
            /      | /foo/bar  | /foo                                     | false
            /      | /foo/bar  | /foo/bar/thisshouldbefalse               | false
            /      | /foo/bar  | /abc                                     | false
            /      | /foo/bar  | /FOO/BAR                                 | false
            /      | /foo/bar  | /foo/b%61r                               | false
            /base  | /foo      | /base/foo                                | true
            /base  | /foo      | /base/foo/                               | true
            /base  | /foo      | /base/foo/bar                            | false
            /base  | /foo      | /thishouldbefalse                        | false
            /base/ | /foo      | /base/foo                                | true
            /base/ | /foo      | /base/foo/                               | true
            /base/ | /foo      | /base/foo/bar                            | false
            /base/ | /foo/     | /base/foo                                | true
            /base/ | /foo/     | /base/foo/                               | true
            /base/ | /foo/     | /base/foo/bar                            | false
            /base/ | /foo/     | /thishouldbefalse                        | false
            /      | /         | /                                        | true
            /      | /         | /foo                                     | false
            /      | /...      | /foo/bar/                                | true
            /      | /...      | /foo                                     | true
            /      | /...      | /foo/bar/baz                             | true
            /      | /...      | /this/should/really/match/everything/    | true
            /      | /...      | /                                        | true
            /      | /foo/...  | /foo/bar/                                | true
            /      | /foo/...  | /foo                                     | true
            /      | /foo/...  | /foo/                                    | true
            /      | /foo/...  | /foo/bar/baz                             | true
            /      | /foo/...  | /foobar                                  | false
            /      | /foo/...  | /this/should/really/not/match/everything/ | false
            /      | /foo/...  | /                                        | false
            /base  | /...      | /base/foo/bar/                           | true
            /base  | /...      | /base/foo                                | true
            /base  | /...      | /base/foo/bar/baz                        | true
            /base  | /...      | /base/this/should/really/match/everything/ | true
            /base  | /...      | /base                                    | true
            /base  | /...      | /basement                                | false
            /base  | /...      | /                                        | false
            """)
    void patternMatchesPath(String base, String route, String path, boolean matches) {
        assertEquals(matches, RoutePattern.from(base, route).matches(path));
    }

    @ParameterizedTest(name = "base {0} + route {1}, path {2} is relative {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /     | /foo        | /foo/bar                    | /bar
            /base | /foo        | /base/foo/bar               | /bar
            /     | /foo        | /foo                        | ""
            /base | /foo        | /base/foo                   | ""
            /     | /foo        | /foo/                       | /
            /     | /static/... | /static/images/abc.png      | /images/abc.png
            /base | /static/... | /base/static/images/abc.png | /images/abc.png
            /     | /...        | /                           | /
            /     | /...        | /a/b                        | /a/b
            /     | /           | /                           | /
            /     | /a%20b/...  | /a%20b/c%2Fd                | /c%2Fd
            /     | /foo        | /elsewhere                  | ""
            """)
    void relativePathIsWhatFollowsThePattern(String base, String route, String path, String relative) {
        assertEquals(relative, RoutePattern.from(base, route).relative(path));
    }

    @ParameterizedTest(name = "base {0} + route {1} is shown as \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /     | /whee/...  | /whee (wildcard)
            /     | /...       | " (wildcard)"
            /     | /          | ""
            /base | /foo       | /base/foo
            """)
    void patternDisplaysLikeSpin(String base, String route, String display) {
        assertEquals(display, RoutePattern.from(base, route).display());
    }

    @ParameterizedTest(name = "base {0} + route {1} has full pattern {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /base | /foo/...  | /base/foo/...
            /     | /foo/...  | /foo/...
            /     | /...      | /...
            /     | /         | ""
            /base | /foo/     | /base/foo
            """)
    void fullPatternKeepsTheWildcardSuffix(String base, String route, String full) {
        assertEquals(full, RoutePattern.from(base, route).fullPattern());
    }
}
