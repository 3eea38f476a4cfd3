package dev.spinj.trigger.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spinj.trigger.http.routing.StaticResponse;
import dev.spinj.trigger.http.wagi.WagiArgv;

/**
 * One HTTP trigger's {@code trigger_config} in the lock: the component (absent for a Spin 3.5+
 * {@code static_response}), its route as written ({@code null} for {@code route = { private =
 * true }}), and the executor ({@code null} or {@code {"type":"spin"}} for the Spin executor).
 */
public record HttpTriggerConfig(String component, String route, Executor executor, boolean privateRoute,
        StaticResponse staticResponse) {

    public record Executor(String type, String entrypoint, String argv) {}

    /** The route is a string, or the table {@code { private = true }} (the loader refused anything else). */
    @JsonCreator
    static HttpTriggerConfig fromJson(@JsonProperty("component") String component, @JsonProperty("route") JsonNode route,
            @JsonProperty("executor") Executor executor,
            @JsonProperty("static_response") StaticResponse staticResponse) {
        boolean isPrivate = route != null && route.isObject() && route.path("private").asBoolean(false);
        String pattern = route != null && route.isTextual() ? route.asText() : null;
        return new HttpTriggerConfig(component, pattern, executor, isPrivate, staticResponse);
    }

    public boolean isWagi() {
        return executor != null && "wagi".equals(executor.type());
    }

    public String wagiEntrypoint() {
        return executor == null || executor.entrypoint() == null ? "_start" : executor.entrypoint();
    }

    public String wagiArgv() {
        return executor == null || executor.argv() == null ? WagiArgv.DEFAULT_TEMPLATE : executor.argv();
    }
}
