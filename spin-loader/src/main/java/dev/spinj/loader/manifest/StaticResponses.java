package dev.spinj.loader.manifest;

import java.util.List;

/**
 * {@code static_response} (Spin 3.5+, {@code crates/http/src/config.rs}): an HTTP trigger that
 * answers {@code { status_code = 200, headers = {}, body = "" }} without running a component. A
 * trigger names exactly one of {@code component} and {@code static_response}.
 */
final class StaticResponses {
    private StaticResponses() {}

    static void requireComponentOrResponse(TomlFields trigger, String triggerId) {
        boolean component = trigger.has("component");
        boolean response = trigger.has("static_response");
        if (component == response) {
            throw trigger.error(component ? "static_response" : "component",
                    "Triggers must specify either component or static_response - " + triggerId + " has "
                            + (component ? "both" : "neither"));
        }
        if (response) {
            check(trigger.requiredTable("static_response"));
        }
    }

    private static void check(TomlFields response) {
        response.denyUnknown(List.of("status_code", "headers", "body"));
        Object status = response.raw("status_code");
        if (status != null && !(status instanceof Long code && code >= 0 && code <= 65535)) {
            throw response.invalidType("status_code", status, "u16");
        }
        response.stringMap("headers");
        response.optionalString("body");
    }
}
