package dev.spinj.cm.runtime;

import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.Subtyping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which imports of a component its {@link Dependency dependencies} satisfy, checked once at
 * link time, and per instance of the component a fresh instance of each dependency whose
 * exports become those imports: what a component composed with {@code wac plug} does, without
 * writing the composed bytes. Values cross between the two instances as Java values (strings
 * and lists are copied out of one memory into the other); handles of a resource the dependency
 * defines move between the two handle tables as the resource's rep, and dropping the last own
 * handle in the component runs the destructor in the dependency instance.
 *
 * <p>Error texts are Spin's ({@code crates/compose}), so they can be shown as Spin shows them.
 */
final class Composition {
    static final Composition NONE = new Composition(List.of(), Map.of());

    /** One dependency and, for each import it satisfies, the export that satisfies it. */
    private record Plug(LinkedGuest component, Map<String, String> exportByImport) {}

    /** A main instance's imports from its dependencies, and who destroys the resources they define. */
    record Instances(Map<String, Object> imports, Map<ResourceType, ResourceDestructor> destructors) {}

    private final List<Plug> plugs;
    /** The main component's imports by name, with their declared types. */
    private final Map<String, ExternType> importTypes;

    private Composition(List<Plug> plugs, Map<String, ExternType> importTypes) {
        this.plugs = plugs;
        this.importTypes = importTypes;
    }

    /**
     * Matches every dependency to the {@code imports} (name and declared type) of the main
     * component that its name selects, picks the export that satisfies each import and checks
     * its type against the import's.
     *
     * @throws LinkException {@code failed to resolve dependencies for component "<c>"}, caused
     *     by a dependency that matches no import, an import matched by several dependencies, a
     *     missing export or an export whose type does not fit the import (Spin's causes)
     */
    static Composition resolve(Map<String, ExternType> imports, String componentName, List<Dependency> dependencies) {
        if (dependencies.isEmpty()) {
            return NONE;
        }
        try {
            return plug(imports, componentName, dependencies);
        } catch (LinkException e) {
            throw new LinkException("failed to resolve dependencies for component \"" + componentName + "\"", e);
        }
    }

    private static Composition plug(Map<String, ExternType> imports, String componentName, List<Dependency> dependencies) {
        // sorted by import name, as Spin reports conflicts
        Map<String, List<Dependency>> byImport = new TreeMap<>();
        for (Dependency d : dependencies) {
            DependencyName name = DependencyName.parse(d.name());
            List<String> matched = imports.keySet().stream().filter(name::matches).toList();
            if (matched.isEmpty()) {
                throw new LinkException("dependency '" + d.name() + "' doesn't match any imports of component '"
                        + componentName + "'");
            }
            matched.forEach(i -> byImport.computeIfAbsent(i, k -> new ArrayList<>()).add(d));
        }
        String conflicts = byImport.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> "import '" + e.getKey() + "' satisfied by dependencies: '"
                        + e.getValue().stream().map(Dependency::name).collect(Collectors.joining(", ")) + "'")
                .collect(Collectors.joining("; "));
        if (!conflicts.isEmpty()) {
            throw new LinkException("component '" + componentName + "' has dependency conflicts: " + conflicts);
        }
        Map<Dependency, Map<String, String>> exportsByDependency = new LinkedHashMap<>();
        byImport.forEach((importName, matched) -> {
            Dependency d = matched.get(0);
            String exportName = d.export() != null ? d.export() : importName;
            checkExport(d, exportName, importName, imports.get(importName));
            exportsByDependency.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(importName, exportName);
        });
        List<Plug> plugs = new ArrayList<>();
        exportsByDependency.forEach((d, exports) -> plugs.add(new Plug(d.component(), Map.copyOf(exports))));
        return new Composition(List.copyOf(plugs), imports);
    }

    private static void checkExport(Dependency d, String exportName, String importName, ExternType expected) {
        ExternType exported = d.component().type().exports().get(exportName);
        if (exported == null) {
            throw new LinkException("dependency '" + d.name() + "' doesn't export '" + exportName
                    + "' to satisfy import '" + importName + "'");
        }
        Optional<String> mismatch = new Subtyping().mismatch(expected, exported);
        if (mismatch.isPresent()) {
            // Spin's chain: wac's subtype error in the context of the dependency, as a preparation error
            throw new LinkException("an error occurred when preparing dependencies",
                    new LinkException("dependency '" + d.name() + "' exports '" + exportName
                            + "' which is not compatible with import '" + importName + "'", new LinkException(mismatch.get())));
        }
    }

    /** The imports the dependencies satisfy: the host need not provide these. */
    Set<String> imports() {
        return plugs.stream().flatMap(p -> p.exportByImport().keySet().stream()).collect(Collectors.toSet());
    }

    /** Instantiates every dependency once, for one instance of the main component. */
    Instances instantiate() {
        Map<String, Object> imports = new HashMap<>();
        Map<ResourceType, ResourceDestructor> destructors = new IdentityHashMap<>();
        for (Plug plug : plugs) {
            ComponentInstance instance = plug.component().instantiate();
            plug.exportByImport().forEach((importName, exportName) -> {
                Object export = instance.exports().get(exportName);
                // the value types the import declares are fully determined by it; a core module's
                // instance has none of them, but the main component may alias them from the import
                if (export instanceof Map<?, ?> exported && importTypes.get(importName) instanceof InstanceType declared) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> functionsAndTypes = (Map<String, Object>) exported;
                    export = Linker.withDeclaredValueTypes(declared, functionsAndTypes);
                }
                imports.put(importName, export);
                Iterable<?> items = export instanceof Map<?, ?> members ? members.values() : List.of(export);
                for (Object item : items) {
                    if (item instanceof ResourceType r) {
                        destructors.put(r, instance.destructor());
                    }
                }
            });
        }
        return new Instances(imports, destructors);
    }
}
