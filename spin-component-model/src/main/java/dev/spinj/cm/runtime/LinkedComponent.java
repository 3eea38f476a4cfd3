package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.binary.Canon;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.CoreModule;
import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ResourceType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A component linked against its host: imports resolved and checked, core modules parsed and
 * every lift and lower planned. {@link #instantiate()} is the only per-instance work and may be
 * called from any thread.
 */
public final class LinkedComponent implements LinkedGuest {
    final String name;
    final Component component;
    private final Map<String, Object> imports;
    private final Map<ResourceType, ResourceDestructor> hostDestructors;
    private final Map<CoreModule, WasmModule> modules;
    private final Map<WasmModule, Function<Instance.Builder, Instance>> builders;
    private final Map<Canon, FunctionAbi> plans;
    private final Composition dependencies;

    LinkedComponent(String name, Component component, Map<String, Object> imports, Composition dependencies,
            Map<ResourceType, ResourceDestructor> hostDestructors, Map<CoreModule, WasmModule> modules,
            Map<WasmModule, Function<Instance.Builder, Instance>> builders, Map<Canon, FunctionAbi> plans) {
        this.name = name;
        this.component = component;
        this.imports = imports;
        this.dependencies = dependencies;
        this.hostDestructors = hostDestructors;
        this.modules = modules;
        this.builders = builders;
        this.plans = plans;
    }

    @Override
    public ComponentType type() {
        return component.type();
    }

    /**
     * A fresh instance: instantiates its dependencies (a fresh instance of each), then runs the
     * component's definitions (core instantiations, aliases, canon, nested components).
     */
    @Override
    public ComponentInstance instantiate() {
        Composition.Instances supplied = dependencies.instantiate();
        Map<String, Object> all = imports;
        if (!supplied.imports().isEmpty()) {
            all = new HashMap<>(imports);
            all.putAll(supplied.imports());
        }
        Instantiation root = new Instantiation(this, component, all, null, supplied.destructors());
        return new ComponentInstance(name, root.run(), root.destructor());
    }

    WasmModule module(CoreModule m) {
        return modules.get(m);
    }

    FunctionAbi plan(Canon c) {
        return plans.get(c);
    }

    ResourceDestructor hostDestructor(ResourceType type) {
        return hostDestructors.get(type);
    }

    /** An instance of {@code module} (one of this component's), built as its {@link CoreModuleEngine} prepared it. */
    Instance build(WasmModule module, Instance.Builder builder) {
        return builders.get(module).apply(builder);
    }
}
