package dev.spinj.trigger.http.routing;

/**
 * One component's HTTP trigger entry, as written in the manifest.
 *
 * @param componentId the component that handles the route
 * @param rawRoute the {@code route} exactly as written, e.g. {@code /foo/...}
 * @param description the component's description, or null when it has none
 */
public record Route(String componentId, String rawRoute, String description) {}
