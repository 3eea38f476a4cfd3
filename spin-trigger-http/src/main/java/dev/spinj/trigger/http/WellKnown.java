package dev.spinj.trigger.http;

import dev.spinj.loader.lock.SpinJson;
import dev.spinj.wasm.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /.well-known/spin/health} and {@code /info}, answered before any app route (SPEC 7.1). */
final class WellKnown {
    static final String PREFIX = "/.well-known/spin/";

    private final byte[] info;

    WellKnown(String appName, String appVersion) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", appName);
        fields.put("version", appVersion);
        info = SpinJson.pretty(fields).getBytes(StandardCharsets.UTF_8);
    }

    OutboundResponse answer(String path) {
        return switch (path.substring(PREFIX.length())) {
            case "health" -> OutboundResponse.text(200, "text/plain", "OK");
            case "info" -> new OutboundResponse(200,
                    List.of(new Header("content-type", "application/json")), info.clone());
            default -> OutboundResponse.empty(404);
        };
    }
}
