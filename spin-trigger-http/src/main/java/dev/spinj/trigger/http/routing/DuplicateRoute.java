package dev.spinj.trigger.http.routing;

/**
 * A manifest route whose pattern a later component claimed too, so it can never be reached.
 *
 * @param pattern the shared pattern
 * @param replacedId the component that lost the pattern
 * @param effectiveId the component that replaced it
 */
public record DuplicateRoute(RoutePattern pattern, String replacedId, String effectiveId) {

    /** The log line Spin writes for it, e.g. {@code   first: /foo (duplicate of second)}. */
    public String describe() {
        String shown = pattern.fullPattern().isEmpty() ? "/" : pattern.fullPattern();
        return "  " + replacedId + ": " + shown + " (duplicate of " + effectiveId + ")";
    }
}
