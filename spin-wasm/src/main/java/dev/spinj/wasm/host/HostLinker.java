package dev.spinj.wasm.host;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.spinj.wasm.LinkException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links the Spin host interfaces (under both flavours' module names) and WASI preview 1. The Spin
 * host functions are built once and shared by every instance; WASI functions come from the
 * instance's WASI context. Each module gets a {@link ImportPlan} at startup, so instantiating
 * hands Chicory exactly the functions the module imports, in order, instead of every function
 * the runtime has (matching those by name dominated instantiation).
 */
public final class HostLinker {
    public static final String WASI_MODULE = "wasi_snapshot_preview1";

    private final Map<String, ImportFunction> spinFunctions = new HashMap<>();
    private final Map<String, FunctionType> provided = new HashMap<>();
    /** Where each WASI function sits in the array every WASI context hands out. */
    private final Map<String, Integer> wasiSlots = new HashMap<>();

    /**
     * The imports of one module, resolved: a shared Spin function per slot, or the index of the
     * WASI function to take from the instance's context.
     */
    public record ImportPlan(ImportFunction[] shared, int[] wasiSlots) {}

    public HostLinker(List<HostInterface> interfaces) {
        for (HostInterface hi : interfaces) {
            for (HostImport imp : hi.imports()) {
                if (hi.legacyModule() != null) {
                    add(hi.legacyModule(), imp.legacyName(), imp);
                }
                add(hi.canonicalModule(), imp.canonicalName(), imp);
            }
        }
        try (WasiPreview1 wasi = WasiPreview1.builder().build()) {
            HostFunction[] functions = wasi.toHostFunctions();
            for (int i = 0; i < functions.length; i++) {
                provided.put(key(functions[i].module(), functions[i].name()), functions[i].functionType());
                wasiSlots.put(key(functions[i].module(), functions[i].name()), i);
            }
        }
    }

    private void add(String module, String name, HostImport imp) {
        HostCall call = imp.call();
        spinFunctions.put(key(module, name), new HostFunction(module, name, imp.type(),
                (instance, args) -> call.call(HostContext.current(), args)));
        provided.put(key(module, name), imp.type());
    }

    /**
     * Resolves every import of a module before anything runs; refuses one that imports something
     * no Spin 1.x host provides or with a different signature, naming the component and the import.
     */
    public ImportPlan plan(WasmModule module, String componentId) throws LinkException {
        int count = module.importSection().importCount();
        ImportFunction[] shared = new ImportFunction[count];
        int[] slots = new int[count];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Import imp = module.importSection().getImport(i);
            String name = "'" + imp.module() + "' '" + imp.name() + "'";
            if (imp.importType() != ExternalType.FUNCTION) {
                problems.add(name + " (a " + imp.importType().name().toLowerCase() + " import; Spin provides only functions)");
                continue;
            }
            FunctionType wanted = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            FunctionType have = provided.get(key(imp.module(), imp.name()));
            if (have == null) {
                problems.add(name + " (no such function in Spin 1.x or WASI preview 1)");
            } else if (!have.typesMatch(wanted)) {
                problems.add(name + " (imported as " + signature(wanted) + " but Spin provides " + signature(have) + ")");
            } else {
                shared[i] = spinFunctions.get(key(imp.module(), imp.name()));
                slots[i] = wasiSlots.getOrDefault(key(imp.module(), imp.name()), -1);
            }
        }
        if (!problems.isEmpty()) {
            throw new LinkException("Failed to instantiate component '" + componentId
                    + "': unknown import " + String.join(", ", problems));
        }
        return new ImportPlan(shared, slots);
    }

    /** The imports of one instance, in the module's order: shared Spin functions and its context's WASI. */
    public static ImportValues imports(ImportPlan plan, HostFunction[] wasiFunctions) {
        ImportFunction[] functions = plan.shared().clone();
        for (int i = 0; i < functions.length; i++) {
            if (plan.wasiSlots()[i] >= 0) {
                functions[i] = wasiFunctions[plan.wasiSlots()[i]];
            }
        }
        // a fresh list: the builder keeps the collection it is given
        return ImportValues.builder().withFunctions(new ArrayList<>(List.of(functions))).build();
    }

    /** A core function type the way wasm text writes it, e.g. {@code (i32, i32) -> (i32)}. */
    private static String signature(FunctionType type) {
        return "(" + types(type.params()) + ") -> (" + types(type.returns()) + ")";
    }

    private static String types(List<ValType> types) {
        return String.join(", ", types.stream().map(t -> t.toString().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static String key(String module, String name) {
        return module + '\0' + name;
    }
}
