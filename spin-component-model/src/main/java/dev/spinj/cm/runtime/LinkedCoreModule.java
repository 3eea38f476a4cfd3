package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.InstanceState;
import dev.spinj.cm.abi.Realloc;
import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ResourceType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.Function;

/**
 * A core module carrying a {@code component-type} section (what {@code componentEmbed} or
 * wit-bindgen produce), linked so that it runs as the component {@code componentNew} would make
 * of it: its imports named {@code iface.function} are the world's functions lowered from the
 * host (other core imports, such as preview1, come from {@link Linker#coreImports}), its exports {@code iface#function} (with {@code cabi_post_*}) are lifted.
 * {@link #instantiate()} gives the same {@link ComponentInstance} a component would.
 */
public final class LinkedCoreModule implements LinkedGuest {
    /**
     * One lowered import: the core import it fills, the world's import it belongs to, the
     * function behind it (null when a dependency provides it) and its plan.
     */
    record Lowering(String module, String field, String worldImport, ComponentFunction target, FunctionAbi abi) {
        /** The function behind the import, for an instance whose dependencies supply {@code fromDependencies}. */
        ComponentFunction target(Map<String, Object> fromDependencies) {
            if (target != null) {
                return target;
            }
            Object imported = fromDependencies.get(worldImport);
            return (ComponentFunction) (imported instanceof Map<?, ?> functions ? functions.get(field) : imported);
        }
    }

    /** One lifted export: where it goes in the instance's exports, its core export, post-return and plan. */
    record Lifting(String instance, String function, String coreExport, String postReturn, FunctionAbi abi) {}

    private final String name;
    private final ComponentType world;
    private final Composition dependencies;
    private final WasmModule module;
    private final List<Lowering> lowerings;
    private final List<Lifting> liftings;
    private final Map<ResourceType, ResourceDestructor> hostDestructors;
    private final Function<Instance.Builder, Instance> builder;
    private final Set<String> coreExports;
    private final List<Supplier<ImportFunction[]>> coreImports;

    LinkedCoreModule(String name, ComponentType world, Composition dependencies, CoreModuleEngine.Prepared module, Set<String> coreExports, List<Lowering> lowerings,
            Collection<Supplier<ImportFunction[]>> coreImports, List<Lifting> liftings,
            Map<ResourceType, ResourceDestructor> hostDestructors) {
        this.coreImports = List.copyOf(coreImports);
        this.name = name;
        this.world = world;
        this.dependencies = dependencies;
        this.module = module.module();
        this.coreExports = Set.copyOf(coreExports);
        this.lowerings = List.copyOf(lowerings);
        this.liftings = List.copyOf(liftings);
        this.hostDestructors = hostDestructors;
        this.builder = module.build();
    }

    /** The world of the {@code component-type} section: the component's type. */
    @Override
    public ComponentType type() {
        return world;
    }

    /** A fresh instance (with a fresh instance of each dependency): the core module instantiated with the lowered imports, {@code _initialize} run (a reactor). */
    @Override
    public ComponentInstance instantiate() {
        ResourceDestructor destructor = (type, rep) -> {
            ResourceDestructor host = hostDestructors.get(type);
            if (host != null) {
                host.destroy(type, rep);
            }
        };
        InstanceState state = new InstanceState(Set.of(), destructor);
        Map<String, Object> fromDependencies = dependencies.instantiate().imports();
        // the lowered imports need the memory and realloc of the instance they are imported into
        Memory[] memory = new Memory[1];
        Realloc[] realloc = new Realloc[1];
        ImportValues.Builder imports = ImportValues.builder();
        for (Lowering l : lowerings) {
            String fn = l.module() + "#" + l.field();
            imports.addFunction(CoreFunction.lowered(fn, l.abi(), l.target(fromDependencies), state, () -> memory[0], () -> realloc[0])
                    .asImport(l.module(), l.field()));
        }
        for (Supplier<ImportFunction[]> functions : coreImports) {
            imports.addFunction(functions.get());
        }
        Instance instance = builder.apply(Instance.builder(module).withImportValues(imports.build()).withStart(false));
        if (coreExports.contains("memory")) {
            memory[0] = instance.memory();
        }
        if (coreExports.contains("cabi_realloc")) {
            CoreFunction f = CoreFunction.exported(instance, "cabi_realloc");
            realloc[0] = (oldPtr, oldSize, align, newSize) -> (int) f.call(oldPtr, oldSize, align, newSize)[0];
        }
        if (coreExports.contains("_initialize")) {
            instance.export("_initialize").apply();
        }
        Map<String, Object> exports = new LinkedHashMap<>();
        for (Lifting l : liftings) {
            CoreFunction post = l.postReturn() == null ? null : CoreFunction.exported(instance, l.postReturn());
            LiftedFunction lifted = new LiftedFunction(l.coreExport(), l.abi(), CoreFunction.exported(instance, l.coreExport()),
                    memory[0], realloc[0], post, state);
            if (l.instance() == null) {
                exports.put(l.function(), lifted);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> functions = (Map<String, Object>) exports.computeIfAbsent(l.instance(), k -> new LinkedHashMap<>());
                functions.put(l.function(), lifted);
            }
        }
        return new ComponentInstance(name, exports, destructor);
    }
}
