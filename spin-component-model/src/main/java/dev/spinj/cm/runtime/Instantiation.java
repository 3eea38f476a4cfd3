package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Import;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.InstanceState;
import dev.spinj.cm.abi.Realloc;
import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.binary.Alias;
import dev.spinj.cm.binary.Canon;
import dev.spinj.cm.binary.CanonOptions;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.CoreInstance;
import dev.spinj.cm.binary.CoreModule;
import dev.spinj.cm.binary.CoreTypeDefinition;
import dev.spinj.cm.binary.Definition;
import dev.spinj.cm.binary.Export;
import dev.spinj.cm.binary.Instance.Exports;
import dev.spinj.cm.binary.Instance.Instantiate;
import dev.spinj.cm.binary.Sort;
import dev.spinj.cm.binary.SortIndex;
import dev.spinj.cm.binary.TypeDefinition;
import dev.spinj.cm.types.CoreFuncType;
import dev.spinj.cm.types.CoreValType;
import dev.spinj.cm.types.ResourceType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one component scope's definitions in order, keeping a run-time value for every index
 * space entry (each definition adds exactly one, as in the parser). Nested component
 * instantiations run in a child with the {@code with} arguments as its imports.
 */
final class Instantiation {
    private static final CoreFuncType HANDLE_TO_I32 = new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));
    private static final CoreFuncType REALLOC = new CoreFuncType(
            List.of(CoreValType.I32, CoreValType.I32, CoreValType.I32, CoreValType.I32), List.of(CoreValType.I32));
    private static final CoreFuncType HANDLE_TO_NOTHING = new CoreFuncType(List.of(CoreValType.I32), List.of());

    private final LinkedComponent linked;
    private final Component component;
    private final Map<String, Object> imports;
    private final Instantiation parent;
    private final Map<Sort, List<Object>> values = new EnumMap<>(Sort.class);
    private final Map<Object, String> names = new IdentityHashMap<>();
    private final Map<String, Object> exports = new LinkedHashMap<>();
    /** Resource types this scope imports (as declared here) mapped to the types its instantiator supplied. */
    private final Map<ResourceType, ResourceType> typeArgs = new IdentityHashMap<>();
    /** Destructors of resources that dependencies define, by the dependency's type (the root scope only). */
    private final Map<ResourceType, ResourceDestructor> dependencyDestructors;
    /** Nested component instances, which may define resources this scope's exports hand out. */
    private final List<Instantiation> children = new ArrayList<>();
    private final InstanceState state;

    Instantiation(LinkedComponent linked, Component component, Map<String, Object> imports, Instantiation parent,
            Map<ResourceType, ResourceDestructor> dependencyDestructors) {
        this.linked = linked;
        this.component = component;
        this.imports = imports;
        this.parent = parent;
        this.dependencyDestructors = dependencyDestructors;
        for (Sort s : Sort.values()) {
            values.put(s, new ArrayList<>());
        }
        this.state = new InstanceState(definedResources(component), this::destroy);
    }

    Map<String, Object> run() {
        for (Definition d : component.definitions()) {
            try {
                step(d);
            } catch (ChicoryException | LinkException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LinkException("component `" + linked.name + "`: instantiating " + d + " failed: " + e.getMessage(), e);
            }
        }
        return exports;
    }

    private void step(Definition d) {
        if (d instanceof CoreModule m) {
            add(Sort.CORE_MODULE, linked.module(m));
        } else if (d instanceof CoreInstance.Instantiate ci) {
            add(Sort.CORE_INSTANCE, CoreInstanceValue.of(instantiateCore(ci)));
        } else if (d instanceof CoreInstance.Exports bag) {
            Map<String, Object> items = new LinkedHashMap<>();
            for (CoreInstance.CoreExport e : bag.exports()) {
                items.put(e.name(), get(e.item()));
            }
            add(Sort.CORE_INSTANCE, CoreInstanceValue.of(items));
        } else if (d instanceof CoreTypeDefinition) {
            add(Sort.CORE_TYPE, null);
        } else if (d instanceof Component nested) {
            add(Sort.COMPONENT, nested);
        } else if (d instanceof Instantiate inst) {
            Component nested = (Component) get(Sort.COMPONENT, inst.component());
            Map<String, Object> args = new LinkedHashMap<>();
            for (dev.spinj.cm.binary.Instance.Arg a : inst.args()) {
                args.put(a.name(), get(a.item()));
            }
            Instantiation child = new Instantiation(linked, nested, args, this, Map.of());
            children.add(child);
            add(Sort.INSTANCE, child.run());
        } else if (d instanceof Exports bag) {
            Map<String, Object> items = new LinkedHashMap<>();
            for (dev.spinj.cm.binary.Instance.InlineExport e : bag.exports()) {
                items.put(e.name().name(), get(e.item()));
            }
            add(Sort.INSTANCE, items);
        } else if (d instanceof Alias alias) {
            alias(alias);
        } else if (d instanceof TypeDefinition t) {
            add(Sort.TYPE, t.type());
        } else if (d instanceof Canon c) {
            canon(c);
        } else if (d instanceof dev.spinj.cm.binary.Import imp) {
            String name = imp.name().name();
            if (!imports.containsKey(name)) {
                throw new LinkException("component `" + linked.name + "`: import `" + name + "` was not supplied");
            }
            Object value = imports.get(name);
            bindTypeArgs(imp.type(), value);
            add(Sort.of(imp.type()), value);
            names.putIfAbsent(value, name);
        } else if (d instanceof Export e) {
            Object value = get(e.item());
            exports.put(e.name().name(), value);
            add(e.item().sort(), value);
        }
    }

    /** Remembers which supplied resource type each imported (declared) resource type stands for. */
    private void bindTypeArgs(dev.spinj.cm.types.ExternType declared, Object value) {
        if (declared instanceof dev.spinj.cm.types.TypeBound b && b.type() instanceof ResourceType r
                && value instanceof ResourceType actual && actual != r) {
            typeArgs.put(r, actual);
        } else if (declared instanceof dev.spinj.cm.types.InstanceType it && value instanceof Map<?, ?> supplied) {
            it.exports().forEach((name, type) -> bindTypeArgs(type, supplied.get(name)));
        }
    }

    private void alias(Alias alias) {
        if (alias instanceof Alias.InstanceExport a) {
            Map<?, ?> instance = (Map<?, ?>) get(Sort.INSTANCE, a.instance());
            if (!instance.containsKey(a.name())) {
                throw new LinkException("component `" + linked.name + "`: instance " + a.instance() + " has no export `" + a.name() + "`");
            }
            Object value = instance.get(a.name());
            String owner = names.get(instance);
            names.putIfAbsent(value, owner == null ? a.name() : owner + "#" + a.name());
            add(a.sort(), value);
        } else if (alias instanceof Alias.CoreInstanceExport a) {
            CoreInstanceValue instance = (CoreInstanceValue) get(Sort.CORE_INSTANCE, a.instance());
            Object value = instance.export(a.name(), a.sort());
            names.putIfAbsent(value, a.name());
            add(a.sort(), value);
        } else {
            Alias.Outer a = (Alias.Outer) alias;
            Instantiation target = this;
            for (int i = 0; i < a.count(); i++) {
                target = target.parent;
            }
            add(a.sort(), target.get(a.sort(), a.index()));
        }
    }

    private void canon(Canon c) {
        if (c instanceof Canon.Lift lift) {
            CoreFunction core = (CoreFunction) get(Sort.CORE_FUNC, lift.coreFunc());
            CanonOptions o = lift.options();
            CoreFunction post = o.postReturn() == CanonOptions.NONE ? null : (CoreFunction) get(Sort.CORE_FUNC, o.postReturn());
            FunctionAbi abi = linked.plan(lift);
            CoreFuncType expected = abi.liftedCoreType();
            requireType(core, expected, "canon lift of `" + core.name + "`");
            if (post != null) {
                requireType(post, new CoreFuncType(expected.results(), List.of()), "post-return of `" + core.name + "`");
            }
            add(Sort.FUNC, new LiftedFunction(core.name, abi, core, memory(o), realloc(o), post, state));
        } else if (c instanceof Canon.Lower lower) {
            ComponentFunction target = (ComponentFunction) get(Sort.FUNC, lower.func());
            String name = names.getOrDefault(target, "func " + lower.func());
            FunctionAbi abi = linked.plan(lower);
            Memory memory = memory(lower.options());
            Realloc realloc = realloc(lower.options());
            add(Sort.CORE_FUNC, CoreFunction.lowered(name, abi, target, state, () -> memory, () -> realloc));
        } else if (c instanceof Canon.ResourceNew n) {
            String name = "[resource-new]" + n.resource();
            add(Sort.CORE_FUNC, CoreFunction.host(name, HANDLE_TO_I32,
                    args -> new long[] {state.resourceNew(n.resource(), (int) args[0], name)}));
        } else if (c instanceof Canon.ResourceRep r) {
            String name = "[resource-rep]" + r.resource();
            add(Sort.CORE_FUNC, CoreFunction.host(name, HANDLE_TO_I32,
                    args -> new long[] {state.resourceRep(r.resource(), (int) args[0], name)}));
        } else {
            Canon.ResourceDrop r = (Canon.ResourceDrop) c;
            String name = "[resource-drop]" + r.resource();
            add(Sort.CORE_FUNC, CoreFunction.host(name, HANDLE_TO_NOTHING, args -> {
                state.resourceDrop(r.resource(), (int) args[0], name);
                return new long[0];
            }));
        }
    }

    private Instance instantiateCore(CoreInstance.Instantiate ci) {
        WasmModule module = (WasmModule) get(Sort.CORE_MODULE, ci.module());
        Map<String, CoreInstanceValue> args = new LinkedHashMap<>();
        for (CoreInstance.Arg a : ci.args()) {
            args.put(a.name(), (CoreInstanceValue) get(Sort.CORE_INSTANCE, a.instance()));
        }
        ImportValues.Builder iv = ImportValues.builder();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            CoreInstanceValue from = args.get(imp.module());
            if (from == null) {
                throw new LinkException("component `" + linked.name + "`: core module " + ci.module() + " imports `"
                        + imp.module() + "." + imp.name() + "` but is instantiated without an instance named `" + imp.module() + "`");
            }
            switch (imp.importType()) {
                case FUNCTION -> iv.addFunction(((CoreFunction) from.export(imp.name(), Sort.CORE_FUNC)).asImport(imp.module(), imp.name()));
                case MEMORY -> iv.addMemory(new ImportMemory(imp.module(), imp.name(), (Memory) from.export(imp.name(), Sort.CORE_MEMORY)));
                case TABLE -> iv.addTable(new ImportTable(imp.module(), imp.name(), (TableInstance) from.export(imp.name(), Sort.CORE_TABLE)));
                case GLOBAL -> iv.addGlobal(new ImportGlobal(imp.module(), imp.name(), (GlobalInstance) from.export(imp.name(), Sort.CORE_GLOBAL)));
                default -> throw new LinkException("component `" + linked.name + "`: core import `" + imp.module() + "." + imp.name()
                        + "` of kind " + imp.importType() + " is not supported");
            }
        }
        return linked.build(module, Instance.builder(module).withImportValues(iv.build()).withStart(false));
    }

    private void requireType(CoreFunction f, CoreFuncType expected, String what) {
        if (!f.hasType(expected)) {
            throw new LinkException("component `" + linked.name + "`: " + what + ": the core function has type " + f.typeText()
                    + ", the canonical ABI needs " + expected);
        }
    }

    private Memory memory(CanonOptions o) {
        return o.memory() == CanonOptions.NONE ? null : (Memory) get(Sort.CORE_MEMORY, o.memory());
    }

    private Realloc realloc(CanonOptions o) {
        if (o.realloc() == CanonOptions.NONE) {
            return null;
        }
        CoreFunction f = (CoreFunction) get(Sort.CORE_FUNC, o.realloc());
        requireType(f, REALLOC, "realloc `" + f.name + "`");
        return (oldPtr, oldSize, align, newSize) -> (int) f.call(oldPtr, oldSize, align, newSize)[0];
    }

    /** Drops of own handles, by the guest or the host: the component's dtor for its own resources, the host's for imported ones. */
    ResourceDestructor destructor() {
        return this::destroy;
    }

    private void destroy(ResourceType type, int rep) {
        Instantiation definer = definer(type);
        if (definer != null) {
            if (type.destructorCoreFunc() != ResourceType.NO_DESTRUCTOR) {
                ((CoreFunction) definer.get(Sort.CORE_FUNC, type.destructorCoreFunc())).call(rep);
            }
            return;
        }
        ResourceType supplied = typeArgs.get(type);
        if (supplied != null && parent != null) {
            // a resource the enclosing component passed in: its definer's destructor runs
            parent.destroy(supplied, rep);
            return;
        }
        ResourceDestructor host = linked.hostDestructor(type);
        if (host != null) {
            host.destroy(type, rep);
            return;
        }
        // a resource a dependency defines: its destructor runs in the dependency's instance
        ResourceType actual = supplied != null ? supplied : type;
        ResourceDestructor dependency = dependencyDestructors.get(actual);
        if (dependency != null) {
            dependency.destroy(actual, rep);
        }
    }

    /** This scope or the nested instance (at any depth) that defines {@code type}, or null. */
    private Instantiation definer(ResourceType type) {
        if (definesHere(type)) {
            return this;
        }
        for (Instantiation child : children) {
            Instantiation definer = child.definer(type);
            if (definer != null) {
                return definer;
            }
        }
        return null;
    }

    private boolean definesHere(ResourceType type) {
        return state.implementsResource(type);
    }

    private static Set<ResourceType> definedResources(Component component) {
        Set<ResourceType> out = new HashSet<>();
        for (Definition d : component.definitions()) {
            if (d instanceof TypeDefinition t && t.type() instanceof ResourceType r && !r.isAbstract()) {
                out.add(r);
            }
        }
        return out;
    }

    private Object get(SortIndex item) {
        return get(item.sort(), item.index());
    }

    private Object get(Sort sort, int index) {
        return values.get(sort).get(index);
    }

    private void add(Sort sort, Object value) {
        values.get(sort).add(value);
    }
}
