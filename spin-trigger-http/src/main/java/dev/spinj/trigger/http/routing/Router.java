package dev.spinj.trigger.http.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves a request path to the component that handles it (SPEC 7.2); built once at startup. */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<RouteMatch> routes;
    private final List<DuplicateRoute> duplicates;

    private Router(List<RouteMatch> routes, List<DuplicateRoute> duplicates) {
        this.routes = routes;
        this.duplicates = duplicates;
    }

    /**
     * Builds the router for an application base and its routes in manifest order. A route whose
     * pattern repeats an earlier one replaces it in the earlier position; each replacement is
     * logged as an error, in Spin's wording.
     */
    public static Router build(String base, List<Route> routes) {
        Map<RoutePattern, RouteMatch> byPattern = new LinkedHashMap<>();
        List<DuplicateRoute> duplicates = new ArrayList<>();
        for (Route route : routes) {
            RoutePattern pattern = RoutePattern.from(base, route.rawRoute());
            RouteMatch replaced = byPattern.put(pattern, new RouteMatch(route, pattern, base));
            if (replaced != null) {
                duplicates.add(new DuplicateRoute(pattern, replaced.componentId(), route.componentId()));
            }
        }
        if (!duplicates.isEmpty()) {
            LOG.error("The following component routes are duplicates and will never be used:");
            duplicates.forEach(d -> LOG.error(d.describe()));
        }
        return new Router(List.copyOf(byPattern.values()), List.copyOf(duplicates));
    }

    /**
     * The route for a request path (no query): the first matching exact route in manifest order,
     * otherwise the matching wildcard with the longest prefix.
     */
    public Optional<RouteMatch> route(String path) {
        RouteMatch bestWildcard = null;
        for (RouteMatch candidate : routes) {
            RoutePattern pattern = candidate.pattern();
            if (!pattern.matches(path)) {
                continue;
            }
            if (pattern instanceof RoutePattern.Exact) {
                return Optional.of(candidate);
            }
            if (bestWildcard == null
                    || pattern.pathOrPrefix().length() >= bestWildcard.pattern().pathOrPrefix().length()) {
                bestWildcard = candidate;
            }
        }
        return Optional.ofNullable(bestWildcard);
    }

    /** The reachable routes, duplicates removed, in manifest order. */
    public List<RouteMatch> routes() {
        return routes;
    }

    /** The routes that lost their pattern to a later component, in manifest order. */
    public List<DuplicateRoute> duplicates() {
        return duplicates;
    }

    /**
     * The {@code Available Routes:} block printed at startup, one string per line, for a base
     * URL such as {@code http://127.0.0.1:3000}.
     */
    public List<String> availableRoutes(String baseUrl) {
        List<String> lines = new ArrayList<>();
        lines.add("Available Routes:");
        for (RouteMatch match : routes) {
            lines.add("  " + match.componentId() + ": " + baseUrl + match.pattern().display());
            if (match.route().description() != null) {
                lines.add("    " + match.route().description());
            }
        }
        return lines;
    }
}
