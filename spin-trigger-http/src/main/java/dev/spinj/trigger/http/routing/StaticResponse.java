package dev.spinj.trigger.http.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.spinj.wasm.http.Header;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code static_response} (Spin 3.5+, SPEC2 3.10): status 200 unless given, headers in order,
 * the body as a literal string (not a template).
 */
public record StaticResponse(
        @JsonProperty("status_code") Integer statusCode, Map<String, String> headers, String body) {

    public StaticResponse {
        statusCode = statusCode == null ? 200 : statusCode;
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        body = body == null ? "" : body;
    }

    public List<Header> headerList() {
        List<Header> list = new ArrayList<>();
        headers.forEach((name, value) -> list.add(new Header(name, value)));
        return list;
    }
}
