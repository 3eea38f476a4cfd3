package dev.spinj.wasm;

import dev.spinj.cm.binary.ComponentFormatException;
import dev.spinj.cm.runtime.Dependency;
import dev.spinj.cm.runtime.LinkException;
import dev.spinj.cm.runtime.LinkedGuest;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedDependency;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A component's {@code [component.x.dependencies]} linked as Spin composes them (SPEC2 §6.5):
 * each dependency is a fresh instance per main instance, linked against the same host objects
 * (stream handles cross between them), with the main component's allow-lists and stores.
 *
 * <p>What a dependency does not inherit ({@code inherit_configuration}), Spin's deny adapter
 * fails at call time. spinj has no deny adapter yet, so a dependency importing an interface of
 * a capability set it does not inherit is refused at load instead: stricter than Spin, never
 * looser (it can never reach what the manifest withholds from it).
 */
final class ComponentDependencies {
    /** Spin's capability sets ({@code crates/capabilities}) as interface-name prefixes. */
    private static final Map<String, List<String>> CAPABILITY_SETS = Map.of(
            "ai_models", List.of("fermyon:spin/llm"),
            "allowed_outbound_hosts", List.of("wasi:http/outgoing-handler", "wasi:http/client", "wasi:sockets/",
                    "fermyon:spin/http", "fermyon:spin/mysql", "fermyon:spin/postgres", "fermyon:spin/redis",
                    "fermyon:spin/mqtt", "spin:mysql/", "spin:postgres/", "spin:redis/", "spin:mqtt/"),
            "environment", List.of("wasi:cli/environment"),
            "files", List.of("wasi:filesystem/"),
            "key_value_stores", List.of("fermyon:spin/key-value", "spin:key-value/", "wasi:keyvalue/"),
            "sqlite_databases", List.of("fermyon:spin/sqlite", "spin:sqlite/"),
            "variables", List.of("fermyon:spin/variables", "fermyon:spin/config", "spin:variables/", "wasi:config/"));

    private ComponentDependencies() {}

    /** @throws ComponentLoadException naming the component, the dependency and what is wrong */
    static List<Dependency> link(LockedComponent component, Linker linker) throws ComponentLoadException {
        List<Dependency> out = new ArrayList<>();
        for (Map.Entry<String, LockedDependency> e : component.dependencies().entrySet()) {
            String name = e.getKey();
            LockedDependency dep = e.getValue();
            String what = "dependency '" + name + "' of component '" + component.id() + "'";
            byte[] wasm;
            try {
                wasm = dep.source().content().bytes();
            } catch (IOException | IllegalStateException ex) {
                throw new ComponentLoadException("cannot read " + what + " from " + dep.source().content().source(), ex);
            }
            LinkedGuest linked;
            try {
                GuestFormat format = GuestFormat.of(wasm);
                if (format == GuestFormat.SPIN1_MODULE) {
                    throw new ComponentLoadException(what + " is a Spin 1.x module; dependencies must be components");
                }
                linked = ComponentHost.link(linker, wasm, format, component.id() + "/" + name, List.of());
            } catch (ComponentFormatException | LinkException ex) {
                throw new ComponentLoadException("failed to load " + what, ex);
            }
            Set<String> inherited = inherited(dep.inherit());
            for (String imported : linked.type().imports().keySet()) {
                String denied = deniedSet(imported, inherited);
                if (denied != null) {
                    throw new ComponentLoadException(what + " imports `" + imported + "` (capability set `" + denied
                            + "`), which it does not inherit: add \"" + denied + "\" to its inherit_configuration, or set"
                            + " inherit_configuration = true (Spin would deny every call to it; spinj refuses it at load)");
                }
            }
            out.add(new Dependency(name, linked, dep.export()));
        }
        return out;
    }

    /** The sets a dependency inherits: every one for {@code "All"}, else the listed ones. */
    private static Set<String> inherited(Object inherit) {
        if ("All".equals(inherit)) {
            return CAPABILITY_SETS.keySet();
        }
        if (inherit instanceof Map<?, ?> m && m.get("Some") instanceof List<?> sets) {
            return Set.copyOf(sets.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    private static String deniedSet(String imported, Set<String> inherited) {
        for (Map.Entry<String, List<String>> set : CAPABILITY_SETS.entrySet()) {
            if (!inherited.contains(set.getKey()) && set.getValue().stream().anyMatch(imported::startsWith)) {
                return set.getKey();
            }
        }
        return null;
    }
}
