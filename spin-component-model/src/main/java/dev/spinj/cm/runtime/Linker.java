package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.binary.Canon;
import dev.spinj.cm.binary.CanonOptions;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentTypeSection;
import dev.spinj.cm.binary.CoreModule;
import dev.spinj.cm.binary.Definition;
import dev.spinj.cm.binary.Import;
import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.Subtyping;
import dev.spinj.cm.types.TypeBound;
import dev.spinj.cm.types.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Host implementations by import name, and linking of components against them. Instances are
 * matched on the semver track of their interface name, so a host registered as {@code
 * wasi:io/streams@0.2.0} serves guests importing {@code @0.2.3} and {@code @0.2.12}.
 */
public final class Linker {
    private final Map<String, HostInstance> instances = new HashMap<>();
    private final Map<String, ComponentFunction> functions = new HashMap<>();
    private final Map<String, Supplier<ImportFunction[]>> coreImports = new HashMap<>();
    private CoreModuleEngine coreModules = CoreModuleEngine.INTERPRETER;

    /** Provides the interface {@code name} (e.g. {@code wasi:cli/stdout@0.2.0}). */
    public Linker instance(String name, HostInstance host) {
        instances.put(InterfaceName.track(name), host);
        return this;
    }

    /** Provides a function imported at the top level under {@code name}. */
    public Linker function(String name, ComponentFunction function) {
        functions.put(name, function);
        return this;
    }

    /**
     * Core functions for imports of core module {@code module} that a core module linked with
     * {@link #linkCoreModule} has beyond its world, e.g. {@code wasi_snapshot_preview1} from a
     * preview1 implementation. {@code perInstance} runs once per instance, so per-instance state
     * (a WASI context) stays with its instance.
     */
    public Linker coreImports(String module, Supplier<ImportFunction[]> perInstance) {
        coreImports.put(module, perInstance);
        return this;
    }

    /**
     * How core modules linked from now on are prepared and instantiated; {@link
     * CoreModuleEngine#INTERPRETER} unless set.
     */
    public Linker coreModules(CoreModuleEngine engine) {
        this.coreModules = engine;
        return this;
    }

    /**
     * Checks every import of {@code component} against what this linker provides, parses its core
     * modules and plans every lift and lower, once.
     *
     * @param componentName names the component in errors
     * @throws LinkException for an import nothing provides or a type that does not match
     */
    public LinkedComponent link(Component component, String componentName) {
        return link(component, componentName, List.of());
    }

    /**
     * As {@link #link(Component, String)}, with the imports that {@code dependencies} match
     * satisfied by their exports instead of by this linker: every instance of the component
     * gets a fresh instance of each dependency (see {@link Dependency}). The dependencies are
     * linked already, typically by this linker.
     *
     * @throws LinkException as {@link #link(Component, String)}, and, in Spin's words, {@code
     *     failed to resolve dependencies for component "<c>"} caused by: a dependency that
     *     matches no import ({@code dependency '<d>' doesn't match any imports of component
     *     '<c>'}), an import several dependencies match ({@code component '<c>' has dependency
     *     conflicts: import '<i>' satisfied by dependencies: '<a>, <b>'}), a missing export
     *     ({@code dependency '<d>' doesn't export '<e>' to satisfy import '<i>'}), or an export
     *     of the wrong type ({@code an error occurred when preparing dependencies}, caused by
     *     {@code dependency '<d>' exports '<e>' which is not compatible with import '<i>'},
     *     caused by what differs)
     */
    public LinkedComponent link(Component component, String componentName, List<Dependency> dependencies) {
        Map<String, ExternType> declaredImports = new LinkedHashMap<>();
        for (Import imp : component.imports()) {
            declaredImports.put(imp.name().name(), imp.type());
        }
        Composition composition = Composition.resolve(declaredImports, componentName, dependencies);
        Set<String> fromDependencies = composition.imports();
        Map<String, Object> imports = new LinkedHashMap<>();
        Map<ResourceType, ResourceDestructor> hostDestructors = new IdentityHashMap<>();
        for (Import imp : component.imports()) {
            String name = imp.name().name();
            if (!fromDependencies.contains(name)) {
                imports.put(name, provide(componentName, name, imp.type(), hostDestructors));
            }
        }
        Map<CoreModule, WasmModule> modules = new HashMap<>();
        Map<WasmModule, Function<Instance.Builder, Instance>> builders = new IdentityHashMap<>();
        Map<Canon, FunctionAbi> plans = new IdentityHashMap<>();
        prepare(component, componentName, modules, builders, plans);
        return new LinkedComponent(componentName, component, imports, composition, hostDestructors, modules, builders, plans);
    }

    /**
     * Links a core module carrying a {@code component-type} section (componentEmbed's or
     * wit-bindgen's output) the way {@code componentNew} would make a component of it: every
     * import {@code iface.function} is the world's function, provided by this linker and
     * lowered; every export {@code iface#function} is lifted (with {@code cabi_post_*},
     * {@code memory} and {@code cabi_realloc} as the canonical ABI needs them), all in the
     * section's string encoding.
     *
     * @throws LinkException for an import that is neither a function of the module's world nor
     *     given by {@link #coreImports} (a core module may drop handles to imported resources but not define resources), or as
     *     {@link #link}
     */
    public LinkedCoreModule linkCoreModule(byte[] coreModule, String moduleName) {
        return linkCoreModule(coreModule, moduleName, List.of());
    }

    /**
     * As {@link #linkCoreModule(byte[], String)}, with the world's imports that {@code
     * dependencies} match satisfied by their exports (see {@link #link(Component, String, List)}
     * for the rules and errors): what Spin does to a componentized module with dependencies.
     */
    public LinkedCoreModule linkCoreModule(byte[] coreModule, String moduleName, List<Dependency> dependencies) {
        List<ComponentTypeSection> sections = ComponentTypeSection.read(coreModule);
        if (sections.size() != 1) {
            throw new LinkException("core module `" + moduleName + "` has " + sections.size()
                    + " component-type sections; exactly one is supported");
        }
        ComponentTypeSection section = sections.get(0);
        ComponentType world = section.world();
        Composition composition = Composition.resolve(world.imports(), moduleName, dependencies);
        Set<String> fromDependencies = composition.imports();
        WasmModule module;
        try {
            module = Parser.parse(coreModule);
        } catch (RuntimeException e) {
            throw new LinkException("core module `" + moduleName + "` is not a valid core module: " + e.getMessage(), e);
        }
        Set<String> coreExports = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            coreExports.add(module.exportSection().getExport(i).name());
        }
        Map<ResourceType, ResourceDestructor> hostDestructors = new IdentityHashMap<>();
        Map<String, Object> provided = new HashMap<>();
        List<LinkedCoreModule.Lowering> lowerings = new ArrayList<>();
        List<LinkedCoreModule.ResourceDrop> resourceDrops = new ArrayList<>();
        Map<String, Supplier<ImportFunction[]>> used = new LinkedHashMap<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            com.dylibso.chicory.wasm.types.Import imp = module.importSection().getImport(i);
            String iface = imp.module();
            if (coreImports.containsKey(iface)) {
                used.put(iface, coreImports.get(iface));
                continue;
            }
            ExternType declared = world.imports().get(iface);
            // the world's import this core import is a function of: an interface, or a function itself
            String importName = null;
            FuncType type = null;
            if (declared instanceof InstanceType it && it.exports().get(imp.name()) instanceof FuncType ft) {
                importName = iface;
                type = ft;
            } else if (iface.equals("$root") && world.imports().get(imp.name()) instanceof FuncType ft) {
                importName = imp.name();
                type = ft;
            }
            ResourceType dropped = droppedResource(declared, imp.name());
            if (dropped != null) {
                // wit-bindgen's drop of a handle to an imported resource: the canon resource.drop
                // componentNew would make; the host's destructor runs for an own handle
                if (fromDependencies.contains(iface)) {
                    throw new LinkException("core module `" + moduleName + "` drops `" + iface + "." + imp.name()
                            + "`: resources of dependencies are not supported for core modules yet");
                }
                provided.computeIfAbsent(iface, k -> provide(moduleName, k, declared, hostDestructors));
                resourceDrops.add(new LinkedCoreModule.ResourceDrop(iface, imp.name(), dropped));
                continue;
            }
            if (type == null) {
                throw new LinkException("core module `" + moduleName + "` imports `" + iface + "." + imp.name()
                        + "`, which is not a function or resource drop of its world `" + section.worldName()
                        + "` and not provided by Linker.coreImports (core modules may not define resources yet)");
            }
            ComponentFunction target = null; // null: a dependency's, found per instance
            if (!fromDependencies.contains(importName)) {
                target = declared instanceof InstanceType it
                        ? (ComponentFunction) ((Map<?, ?>) provided.computeIfAbsent(iface,
                                k -> provide(moduleName, k, it, hostDestructors))).get(imp.name())
                        : (ComponentFunction) provide(moduleName, importName, type, hostDestructors);
            }
            FunctionAbi abi = FunctionAbi.plan(type, section.encoding());
            requireCoreExports(moduleName, "lowered import `" + iface + "." + imp.name() + "`", coreExports,
                    abi.needsMemory(), abi.lowerNeedsRealloc());
            lowerings.add(new LinkedCoreModule.Lowering(iface, imp.name(), importName, target, abi));
        }
        List<LinkedCoreModule.Lifting> liftings = new ArrayList<>();
        Set<ResourceType> imported = importedResources(world);
        world.exports().forEach((name, type) -> {
            if (type instanceof FuncType ft) {
                liftings.add(lifting(moduleName, null, name, name, ft, section, coreExports));
            } else if (type instanceof InstanceType it) {
                it.exports().forEach((fn, t) -> {
                    if (t instanceof FuncType ft) {
                        liftings.add(lifting(moduleName, name, fn, name + "#" + fn, ft, section, coreExports));
                    } else if (t instanceof TypeBound b && b.type() instanceof ResourceType r && !imported.contains(r)) {
                        // an imported resource the interface re-exports (`use types.{incoming-request}`) is
                        // only a name for the host's: a resource the module defines is what is unsupported
                        throw new LinkException("core module `" + moduleName + "` exports resource `" + name + "#" + fn
                                + "`: exported resources are not supported for core modules yet");
                    }
                });
            } else {
                throw new LinkException("core module `" + moduleName + "`: world export `" + name + "` is " + type
                        + "; only functions and instances of functions are supported");
            }
        });
        return new LinkedCoreModule(moduleName, world, composition, coreModules.prepare(module, "core module `" + moduleName + "`"), coreExports,
                lowerings, resourceDrops, used.values(), liftings, hostDestructors);
    }

    /** The resources the world's imported interfaces declare, by identity. */
    private static Set<ResourceType> importedResources(ComponentType world) {
        Set<ResourceType> resources = Collections.newSetFromMap(new IdentityHashMap<>());
        world.imports().values().forEach(declared -> {
            if (declared instanceof InstanceType it) {
                it.exports().values().forEach(t -> {
                    if (t instanceof TypeBound b && b.type() instanceof ResourceType r) {
                        resources.add(r);
                    }
                });
            }
        });
        return resources;
    }

    /** The resource an import {@code [resource-drop]name} of {@code declared} (an imported interface) drops, or null. */
    private static ResourceType droppedResource(ExternType declared, String field) {
        String prefix = "[resource-drop]";
        if (declared instanceof InstanceType it && field.startsWith(prefix)
                && it.exports().get(field.substring(prefix.length())) instanceof TypeBound b && b.type() instanceof ResourceType r) {
            return r;
        }
        return null;
    }

    private static LinkedCoreModule.Lifting lifting(String moduleName, String instance, String function, String coreExport,
            FuncType type, ComponentTypeSection section, Set<String> coreExports) {
        if (!coreExports.contains(coreExport)) {
            throw new LinkException("core module `" + moduleName + "` does not export `" + coreExport + "`, which its world `"
                    + section.worldName() + "` exports");
        }
        FunctionAbi abi = FunctionAbi.plan(type, section.encoding());
        requireCoreExports(moduleName, "export `" + coreExport + "`", coreExports, abi.needsMemory(), abi.liftNeedsRealloc());
        String post = "cabi_post_" + coreExport;
        return new LinkedCoreModule.Lifting(instance, function, coreExport, coreExports.contains(post) ? post : null, abi);
    }

    private static void requireCoreExports(String moduleName, String what, Set<String> coreExports, boolean memory, boolean realloc) {
        if (memory && !coreExports.contains("memory")) {
            throw new LinkException("core module `" + moduleName + "`: " + what + " needs the module to export `memory`");
        }
        if (realloc && !coreExports.contains("cabi_realloc")) {
            throw new LinkException("core module `" + moduleName + "`: " + what + " needs the module to export `cabi_realloc`");
        }
    }

    /**
     * What this linker provides for the import {@code name} of type {@code expected}: a host
     * instance's exports (with the import's value types) or a function, checked against the
     * type; destructors of the host resources it binds are added to {@code hostDestructors},
     * under the import's declared type and the host's own.
     */
    private Object provide(String componentName, String name, ExternType expected,
            Map<ResourceType, ResourceDestructor> hostDestructors) {
        if (expected instanceof InstanceType it) {
            HostInstance host = instances.get(InterfaceName.track(name));
            if (host == null && withoutValueTypes(it).exports().isEmpty()) {
                // an interface of types only (wit-component imports `fermyon:spin/redis-types` so):
                // there is nothing to provide, and wasmtime links it as an empty instance too
                return Map.of();
            }
            if (host == null) {
                throw new LinkException("component `" + componentName + "` imports `" + name + "`, which nothing provides");
            }
            Subtyping s = new Subtyping();
            check(componentName, name, s.mismatch(withoutValueTypes(it), host.type()));
            for (ExternType e : it.exports().values()) {
                if (e instanceof TypeBound b && b.type() instanceof ResourceType r) {
                    s.boundTo(r).ifPresent(bound -> {
                        ResourceDestructor d = host.destructor(bound);
                        if (d != null) {
                            // handles of the importing scope have the declared type; nested
                            // components get the host's own type passed down
                            hostDestructors.put(r, d);
                            hostDestructors.put(bound, d);
                        }
                    });
                }
            }
            return withDeclaredValueTypes(it, host.exports());
        }
        if (expected instanceof FuncType ft) {
            ComponentFunction f = functions.get(name);
            if (f == null) {
                throw new LinkException("component `" + componentName + "` imports function `" + name + "`, which nothing provides");
            }
            check(componentName, name, new Subtyping().mismatch(ft, f.type()));
            return f;
        }
        throw new LinkException("component `" + componentName + "` imports `" + name + "` as " + expected
                + "; only instances and functions can be provided by the host");
    }

    /**
     * {@code expected} without its value-type exports: an import's {@code (type (eq T))} export
     * of a record, variant etc. is fully determined by T and a host has nothing to provide for it
     * (wasmtime's linker skips them too). Resource exports stay: the host must supply those.
     */
    private static InstanceType withoutValueTypes(InstanceType expected) {
        Map<String, ExternType> kept = new LinkedHashMap<>();
        expected.exports().forEach((name, type) -> {
            if (!(type instanceof TypeBound b && b.type() instanceof ValType)) {
                kept.put(name, type);
            }
        });
        return new InstanceType(kept);
    }

    /**
     * The host's (or a dependency's) exports plus the value types the import declares, so that
     * the component can alias them from the imported instance (as wit-component's output does
     * for record types).
     */
    static Map<String, Object> withDeclaredValueTypes(InstanceType expected, Map<String, Object> provided) {
        Map<String, Object> exports = new LinkedHashMap<>(provided);
        expected.exports().forEach((name, type) -> {
            if (type instanceof TypeBound b && b.type() instanceof ValType v) {
                exports.putIfAbsent(name, v);
            }
        });
        return exports;
    }

    private static void check(String componentName, String importName, Optional<String> mismatch) {
        mismatch.ifPresent(m -> {
            throw new LinkException("component `" + componentName + "` import `" + importName + "` does not match the host: " + m);
        });
    }

    private static void requireOptions(String componentName, String what, FuncType type, CanonOptions options,
            boolean needsMemory, boolean needsRealloc) {
        if (needsMemory && options.memory() == CanonOptions.NONE) {
            throw new LinkException("component `" + componentName + "`: " + what + " of " + type + " needs a memory option");
        }
        if (needsRealloc && options.realloc() == CanonOptions.NONE) {
            throw new LinkException("component `" + componentName + "`: " + what + " of " + type + " needs a realloc option");
        }
    }

    private void prepare(Component component, String componentName, Map<CoreModule, WasmModule> modules,
            Map<WasmModule, Function<Instance.Builder, Instance>> builders, Map<Canon, FunctionAbi> plans) {
        for (Definition d : component.definitions()) {
            if (d instanceof CoreModule m) {
                WasmModule module;
                try {
                    module = Parser.parse(m.stream());
                } catch (RuntimeException e) {
                    throw new LinkException("component `" + componentName + "`: " + m + " is not a valid core module: " + e.getMessage(), e);
                }
                CoreModuleEngine.Prepared prepared = coreModules.prepare(module, "component `" + componentName + "`: " + m);
                modules.put(m, prepared.module());
                builders.put(prepared.module(), prepared.build());
            } else if (d instanceof Canon.Lift lift) {
                FunctionAbi abi = FunctionAbi.plan(lift.type(), lift.options().encoding());
                requireOptions(componentName, "canon lift", lift.type(), lift.options(), abi.needsMemory(), abi.liftNeedsRealloc());
                plans.put(lift, abi);
            } else if (d instanceof Canon.Lower lower) {
                if (lower.type() == null) {
                    throw new LinkException("component `" + componentName + "`: canon lower of a function whose type is unknown");
                }
                FunctionAbi abi = FunctionAbi.plan(lower.type(), lower.options().encoding());
                requireOptions(componentName, "canon lower", lower.type(), lower.options(), abi.needsMemory(), abi.lowerNeedsRealloc());
                plans.put(lower, abi);
            } else if (d instanceof Component nested) {
                prepare(nested, componentName, modules, builders, plans);
            }
        }
    }
}
