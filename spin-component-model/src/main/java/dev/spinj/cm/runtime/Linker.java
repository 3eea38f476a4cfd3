package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.binary.Canon;
import dev.spinj.cm.binary.CanonOptions;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.CoreModule;
import dev.spinj.cm.binary.Definition;
import dev.spinj.cm.binary.Import;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.Subtyping;
import dev.spinj.cm.types.TypeBound;
import dev.spinj.cm.types.ValType;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Host implementations by import name, and linking of components against them. Instances are
 * matched on the semver track of their interface name, so a host registered as {@code
 * wasi:io/streams@0.2.0} serves guests importing {@code @0.2.3} and {@code @0.2.12}.
 */
public final class Linker {
    private final Map<String, HostInstance> instances = new HashMap<>();
    private final Map<String, ComponentFunction> functions = new HashMap<>();
    private UnaryOperator<Instance.Builder> coreInstanceConfig = b -> b;

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

    /** Customises every core instance (machine factory, memory factory, limits). */
    public Linker configureCoreInstances(UnaryOperator<Instance.Builder> config) {
        this.coreInstanceConfig = config;
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
        Map<String, Object> imports = new LinkedHashMap<>();
        Map<ResourceType, ResourceDestructor> hostDestructors = new IdentityHashMap<>();
        for (Import imp : component.imports()) {
            String name = imp.name().name();
            ExternType expected = imp.type();
            if (expected instanceof InstanceType it) {
                HostInstance host = instances.get(InterfaceName.track(name));
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
                                hostDestructors.put(r, d);
                            }
                        });
                    }
                }
                imports.put(name, withDeclaredValueTypes(it, host.exports()));
            } else if (expected instanceof FuncType ft) {
                ComponentFunction f = functions.get(name);
                if (f == null) {
                    throw new LinkException("component `" + componentName + "` imports function `" + name + "`, which nothing provides");
                }
                check(componentName, name, new Subtyping().mismatch(ft, f.type()));
                imports.put(name, f);
            } else {
                throw new LinkException("component `" + componentName + "` imports `" + name + "` as " + expected
                        + "; only instances and functions can be provided by the host");
            }
        }
        Map<CoreModule, WasmModule> modules = new HashMap<>();
        Map<Canon, FunctionAbi> plans = new IdentityHashMap<>();
        prepare(component, componentName, modules, plans);
        return new LinkedComponent(componentName, component, imports, hostDestructors, modules, plans, coreInstanceConfig);
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
     * The host's exports plus the value types the import declares, so that the component can
     * alias them from the imported instance (as wit-component's output does for record types).
     */
    private static Map<String, Object> withDeclaredValueTypes(InstanceType expected, Map<String, Object> provided) {
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

    private static void prepare(Component component, String componentName, Map<CoreModule, WasmModule> modules,
            Map<Canon, FunctionAbi> plans) {
        for (Definition d : component.definitions()) {
            if (d instanceof CoreModule m) {
                try {
                    modules.put(m, Parser.parse(m.stream()));
                } catch (RuntimeException e) {
                    throw new LinkException("component `" + componentName + "`: " + m + " is not a valid core module: " + e.getMessage(), e);
                }
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
                prepare(nested, componentName, modules, plans);
            }
        }
    }
}
