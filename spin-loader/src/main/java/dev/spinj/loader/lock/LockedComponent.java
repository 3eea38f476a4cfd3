package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** One component: its wasm source, WASI environment, mounted files and config templates. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LockedComponent(
        String id,
        Map<String, Object> metadata,
        LockedComponentSource source,
        Map<String, String> env,
        List<ContentPath> files,
        Map<String, String> config) {

    public LockedComponent {
        metadata = metadata == null ? Map.of() : metadata;
        env = env == null ? Map.of() : env;
        files = files == null ? List.of() : List.copyOf(files);
        config = config == null ? Map.of() : config;
    }

    /** A list-of-strings metadata entry such as {@code allowed_http_hosts}; empty when absent. */
    public List<String> metadataList(String key) {
        if (metadata.get(key) instanceof List<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** A string metadata entry such as {@code description}, or null. */
    public String metadataString(String key) {
        return metadata.get(key) instanceof String s ? s : null;
    }
}
