package dev.spinj.loader.manifest;

import java.util.List;
import org.tomlj.TomlTable;

/**
 * {@code targets} (application, and per component since Spin 3.6): deployment environments that
 * {@code spin build}/deploy check compatibility against. Running an app never needs them, so they
 * are only checked for shape: each entry a string, {@code { url }} or {@code { path }}.
 */
final class Targets {
    private Targets() {}

    static void check(TomlFields table) {
        for (Object target : table.list("targets")) {
            if (target instanceof String) {
                continue;
            }
            if (target instanceof TomlTable) {
                TomlFields ref = table.nested("targets", target, table.position("targets"));
                ref.denyUnknown(ref.has("url") ? List.of("url") : List.of("path"));
                ref.requiredString(ref.has("url") ? "url" : "path");
                continue;
            }
            throw table.error("targets", "data did not match any variant of untagged enum TargetEnvironmentRef");
        }
    }
}
