package dev.spinj.trigger.http.routing;

/**
 * A route bound to its pattern: what a request path resolved to, with everything the Spin
 * headers and the WAGI environment derive from it.
 *
 * @param route the manifest entry that won this pattern
 * @param pattern the normalised base + route
 * @param base the application base exactly as written, e.g. {@code /} or {@code /base}
 */
public record RouteMatch(Route route, RoutePattern pattern, String base) {

    public String componentId() {
        return route.componentId();
    }

    /** The route exactly as written in the manifest, e.g. {@code /foo/...}. */
    public String rawRoute() {
        return route.rawRoute();
    }

    /** Base and route normalised, {@code /...} kept, e.g. {@code /base/foo/...}. */
    public String matchedRoute() {
        return pattern.fullPattern();
    }

    /** The raw route without a trailing {@code /...}, e.g. {@code /foo}. */
    public String componentRoute() {
        String raw = route.rawRoute();
        return raw.endsWith(RoutePattern.WILDCARD_SUFFIX)
                ? raw.substring(0, raw.length() - RoutePattern.WILDCARD_SUFFIX.length())
                : raw;
    }

    /**
     * The request path after the matched path or prefix, raw (still percent-encoded): {@code ""}
     * for an exact match, {@code /bar} for {@code /foo/...} and {@code /foo/bar}, the whole path
     * for the root patterns.
     */
    public String pathInfo(String requestPath) {
        return pattern.relative(requestPath);
    }
}
