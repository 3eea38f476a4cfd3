package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One component: its wasm source, WASI environment, mounted files, config templates and (Spin
 * 3+) the dependencies to compose into it and the host features it requires.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LockedComponent(
        String id,
        Map<String, Object> metadata,
        LockedComponentSource source,
        Map<String, String> env,
        List<ContentPath> files,
        Map<String, String> config,
        Map<String, LockedDependency> dependencies,
        @JsonProperty("host_requirements") Map<String, Object> hostRequirements) {

    public LockedComponent {
        metadata = metadata == null ? Map.of() : metadata;
        env = env == null ? Map.of() : env;
        files = files == null ? List.of() : List.copyOf(files);
        config = config == null ? Map.of() : config;
        dependencies = dependencies == null ? Map.of() : dependencies;
        hostRequirements = hostRequirements == null ? Map.of() : hostRequirements;
    }

    /** A component without dependencies or host requirements. */
    public LockedComponent(String id, Map<String, Object> metadata, LockedComponentSource source,
            Map<String, String> env, List<ContentPath> files, Map<String, String> config) {
        this(id, metadata, source, env, files, config, Map.of(), Map.of());
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
