package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One {@code [component.x.dependencies]} entry resolved (Spin 3's
 * {@code LockedComponentDependency}): the wasm to compose in, the export that satisfies the
 * import when it is not the import's own name, and the configuration it inherits, serialized
 * as Spin's enum: {@code "All"} or {@code {"Some": [capability sets]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LockedDependency(LockedComponentSource source, String export, Object inherit) {

    /** @param sets null for everything, otherwise the capability sets let through (possibly none) */
    public static LockedDependency of(LockedComponentSource source, String export, List<String> sets) {
        return new LockedDependency(source, export, sets == null ? "All" : Map.of("Some", List.copyOf(sets)));
    }
}
