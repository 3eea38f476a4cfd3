package dev.spinj.trigger.http.routing;

/**
 * One HTTP trigger entry, as written in the manifest.
 *
 * @param componentId    the component that handles the route; for a static response, the trigger id
 * @param rawRoute       the {@code route} exactly as written, e.g. {@code /foo/...}; null for a private route
 * @param description    the component's description, or null when it has none
 * @param staticResponse the fixed answer of a Spin 3.5+ {@code static_response} trigger, else null
 */
public record Route(String componentId, String rawRoute, String description, StaticResponse staticResponse) {

    /** A component's route. */
    public Route(String componentId, String rawRoute, String description) {
        this(componentId, rawRoute, description, null);
    }

    /** {@code route = { private = true }}: reachable only by service chaining (SPEC2 6.2). */
    public static Route privateRoute(String componentId, String description) {
        return new Route(componentId, null, description, null);
    }

    /** A {@code static_response} trigger: {@code triggerId} names it in logs and the route listing. */
    public static Route staticResponse(String triggerId, String rawRoute, StaticResponse response) {
        return new Route(triggerId, rawRoute, null, response);
    }

    public boolean isPrivate() {
        return rawRoute == null;
    }
}
