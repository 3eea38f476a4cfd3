package dev.spinj.trigger.http.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A route joined to the application base and normalised: an exact path, a prefix that was
 * followed by {@code /...}, or (Spin 2.5+) a route with {@code :param} segments. Routes without
 * parameters match as Spin 1.x matched them, which agrees with Spin 2.5+'s routefinder on every
 * well-formed route; {@code ...} anywhere but at the end is literal.
 */
public sealed interface RoutePattern {

    String WILDCARD_SUFFIX = "/...";
    /** routefinder's spelling of {@code /...}, accepted as an equivalent (SPEC2 6.2). */
    String STAR_SUFFIX = "/*";

    /**
     * A route with {@code :name} segments (SPEC2 6.2), e.g. {@code /users/:id/...}.
     *
     * @param pattern the normalised route, a trailing wildcard spelled {@code /...}
     * @param parsed  its segments
     */
    record Parameterized(String pattern, RouteSegments parsed) implements RoutePattern {
        @Override
        public String pathOrPrefix() {
            return isWildcard() ? pattern.substring(0, pattern.length() - WILDCARD_SUFFIX.length()) : pattern;
        }

        @Override
        public boolean matches(String requestPath) {
            return parsed.match(requestPath).isPresent();
        }

        @Override
        public String fullPattern() {
            return pattern;
        }

        @Override
        public String display() {
            return isWildcard() ? pathOrPrefix() + " (wildcard)" : pattern;
        }

        /**
         * Spin's {@code trailing_wildcard}: the wildcard's capture with a leading {@code /}, and
         * the request's trailing {@code /} kept ({@code /x/} gives {@code /x/}, {@code /} gives {@code /}).
         */
        @Override
        public String relative(String requestPath) {
            String captured = parsed.match(requestPath).map(RouteSegments.Captures::wildcard).orElse(null);
            if (captured == null) {
                return "";
            }
            String info = captured.isEmpty() ? "" : "/" + captured;
            return requestPath.endsWith("/") && !info.endsWith("/") ? info + "/" : info;
        }

        @Override
        public Map<String, String> params(String requestPath) {
            Map<String, String> params = new LinkedHashMap<>();
            parsed.match(requestPath).ifPresent(c -> {
                for (int i = 0; i < c.names().size(); i++) {
                    params.put(c.names().get(i), c.values().get(i));
                }
            });
            return params;
        }

        private boolean isWildcard() {
            return pattern.endsWith(WILDCARD_SUFFIX);
        }
    }

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

    /**
     * Spin's {@code RoutePattern::from(base, route)}; a bad {@code :param} or {@code *} segment is
     * an {@link IllegalArgumentException} with routefinder's reason.
     */
    static RoutePattern from(String base, String route) {
        String joined = join(base, route);
        if (joined.endsWith(STAR_SUFFIX)) {
            joined = joined.substring(0, joined.length() - STAR_SUFFIX.length()) + WILDCARD_SUFFIX;
        }
        if (hasParameterSyntax(joined)) {
            String spec = joined.endsWith(WILDCARD_SUFFIX)
                    ? joined.substring(0, joined.length() - WILDCARD_SUFFIX.length()) + STAR_SUFFIX
                    : joined;
            return new Parameterized(joined, RouteSegments.parse(spec));
        }
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

    /** Whether some segment (between {@code /} and {@code .}) starts with {@code :} or {@code *}. */
    private static boolean hasParameterSyntax(String route) {
        for (String segment : route.split("[/.]")) {
            if (segment.startsWith(":") || segment.startsWith("*")) {
                return true;
            }
        }
        return false;
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

    /** The named {@code :param} captures for a matching path, in route order; empty for routes without any. */
    default Map<String, String> params(String requestPath) {
        return Map.of();
    }

    /** The route as routefinder sees it, for ranking matches by specificity. */
    default RouteSegments segments() {
        return this instanceof Parameterized p ? p.parsed()
                : RouteSegments.parse(this instanceof Wildcard w ? w.prefix() + STAR_SUFFIX : pathOrPrefix());
    }

    // Spin strips exactly one slash; "/foo//" stays distinct from "/foo".
    private static String stripOneTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
