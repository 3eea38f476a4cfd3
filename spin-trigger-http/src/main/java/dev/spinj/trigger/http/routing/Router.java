package dev.spinj.trigger.http.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a request path to the component that handles it (SPEC 7.2, SPEC2 6.2); built once at
 * startup. Private routes are never matched for a client's request: only
 * {@link #routeToComponent} (service chaining) reaches them.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** Spin's {@code RouteMatch::synthetic}: a chained request sees the component at {@code /...}. */
    private static final String SYNTHETIC_ROUTE = "/...";

    private final List<RouteMatch> routes;
    /** Each route's segments, parsed once, in the order of {@link #routes}. */
    private final List<RouteSegments> ranks;
    private final List<DuplicateRoute> duplicates;
    private final Map<String, Route> byComponent;

    private Router(List<RouteMatch> routes, List<DuplicateRoute> duplicates, Map<String, Route> byComponent) {
        this.routes = routes;
        this.ranks = routes.stream().map(r -> r.pattern().segments()).toList();
        this.duplicates = duplicates;
        this.byComponent = byComponent;
    }

    /**
     * Builds the router for an application base and its routes in manifest order. A route whose
     * pattern repeats an earlier one replaces it in the earlier position; each replacement is
     * logged as an error, in Spin's wording.
     */
    public static Router build(String base, List<Route> routes) {
        Map<RoutePattern, RouteMatch> byPattern = new LinkedHashMap<>();
        List<DuplicateRoute> duplicates = new ArrayList<>();
        Map<String, Route> byComponent = new LinkedHashMap<>();
        for (Route route : routes) {
            if (route.staticResponse() == null) {
                byComponent.putIfAbsent(route.componentId(), route);
            }
            if (route.isPrivate()) {
                continue;
            }
            RoutePattern pattern;
            try {
                pattern = RoutePattern.from(base, route.rawRoute());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Error parsing route " + route.rawRoute()
                        + " associated with component " + route.componentId() + ": " + e.getMessage(), e);
            }
            RouteMatch replaced = byPattern.put(pattern, new RouteMatch(route, pattern, base));
            if (replaced != null) {
                duplicates.add(new DuplicateRoute(pattern, replaced.componentId(), route.componentId()));
            }
        }
        if (!duplicates.isEmpty()) {
            LOG.error("The following component routes are duplicates and will never be used:");
            duplicates.forEach(d -> LOG.error(d.describe()));
        }
        return new Router(List.copyOf(byPattern.values()), List.copyOf(duplicates), Map.copyOf(byComponent));
    }

    /**
     * The route for a client's request path (no query): of the matching public routes, the most
     * specific by routefinder's order (exact beats {@code :param} beats wildcard, segment by
     * segment; then more dots; then fewer segments), ties going to manifest order. Spin 1.x's rule
     * (first exact in manifest order, else the longest wildcard prefix) is the special case
     * without parameters.
     */
    public Optional<RouteMatch> route(String path) {
        int best = -1;
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).pattern().matches(path) && (best < 0 || ranks.get(i).compareSpecificity(ranks.get(best)) > 0)) {
                best = i;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(routes.get(best));
    }

    /**
     * The trigger a service-chained request to {@code componentId} stands for (its first HTTP
     * trigger, private or not): the synthetic match of {@link #routeToComponent} runs with its executor.
     */
    public Optional<Route> chainingTrigger(String componentId) {
        return Optional.ofNullable(byComponent.get(componentId));
    }

    /**
     * The match for a service-chained request to {@code http://<componentId>.spin.internal<path>}:
     * any component with an HTTP trigger, private or not, seen through Spin's synthetic
     * {@code /...} route (so {@code spin-path-info} is the whole path). Empty when the component
     * has no HTTP trigger.
     */
    public Optional<RouteMatch> routeToComponent(String componentId) {
        Route route = byComponent.get(componentId);
        if (route == null) {
            return Optional.empty();
        }
        Route synthetic = new Route(componentId, SYNTHETIC_ROUTE, route.description());
        return Optional.of(new RouteMatch(synthetic, RoutePattern.from("/", SYNTHETIC_ROUTE), "/"));
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
