package dev.spinj.trigger.http.routing;

/**
 * A route joined to the application base and normalised: an exact path, or a prefix that was
 * followed by {@code /...}. Spin 1.x has no {@code :param} segments, and {@code ...} anywhere but
 * at the end is literal.
 */
public sealed interface RoutePattern {

    String WILDCARD_SUFFIX = "/...";

    /** Matches one path only (give or take one trailing {@code /}). */
    record Exact(String path) implements RoutePattern {
        @Override
        public String pathOrPrefix() {
            return path;
        }

        @Override
        public boolean matches(String requestPath) {
            return stripOneTrailingSlash(requestPath).equals(path);
        }

        @Override
        public String fullPattern() {
            return path;
        }

        @Override
        public String display() {
            return path;
        }
    }

    /** Matches the prefix itself and everything below it; {@code Wildcard("")} matches all. */
    record Wildcard(String prefix) implements RoutePattern {
        @Override
        public String pathOrPrefix() {
            return prefix;
        }

        @Override
        public boolean matches(String requestPath) {
            String p = stripOneTrailingSlash(requestPath);
            return p.equals(prefix) || p.startsWith(prefix + "/");
        }

        @Override
        public String fullPattern() {
            return prefix + WILDCARD_SUFFIX;
        }

        @Override
        public String display() {
            return prefix + " (wildcard)";
        }
    }

    /** Spin's {@code RoutePattern::from(base, route)}. */
    static RoutePattern from(String base, String route) {
        String joined = join(base, route);
        if (joined.endsWith(WILDCARD_SUFFIX)) {
            return new Wildcard(joined.substring(0, joined.length() - WILDCARD_SUFFIX.length()));
        }
        return new Exact(joined);
    }

    /**
     * Base and route joined as Spin does (leading {@code /} added to the route, one trailing
     * {@code /} stripped from each), {@code /...} kept.
     */
    static String join(String base, String route) {
        String absoluteRoute = route.startsWith("/") ? route : "/" + route;
        return stripOneTrailingSlash(base) + stripOneTrailingSlash(absoluteRoute);
    }

    /** The exact path, or the wildcard's prefix. */
    String pathOrPrefix();

    /** Whether a request path (no query, still percent-encoded) is handled by this pattern. */
    boolean matches(String requestPath);

    /** The pattern with {@code /...} for a wildcard, as {@code spin-matched-route} shows it. */
    String fullPattern();

    /** The pattern as {@code Available Routes:} prints it after the base URL. */
    String display();

    /**
     * The part of a request path after this pattern's path or prefix, e.g. {@code /bar} for
     * {@code /foo/...} and {@code /foo/bar}; empty when the path does not start with it.
     */
    default String relative(String requestPath) {
        String start = pathOrPrefix();
        return requestPath.startsWith(start) ? requestPath.substring(start.length()) : "";
    }

    // Spin strips exactly one slash; "/foo//" stays distinct from "/foo".
    private static String stripOneTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
