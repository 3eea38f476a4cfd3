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
 * host functions are built once and shared by every instance; WASI is bound per instance because
 * Chicory's WASI carries that instance's stdio, args and environment.
 */
public final class HostLinker {
    public static final String WASI_MODULE = "wasi_snapshot_preview1";

    private final List<ImportFunction> spinFunctions = new ArrayList<>();
    private final Map<String, FunctionType> provided = new HashMap<>();

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
            for (HostFunction f : wasi.toHostFunctions()) {
                provided.put(key(f.module(), f.name()), f.functionType());
            }
        }
    }

    private void add(String module, String name, HostImport imp) {
        HostCall call = imp.call();
        spinFunctions.add(new HostFunction(module, name, imp.type(),
                (instance, args) -> call.call(HostContext.current(), args)));
        provided.put(key(module, name), imp.type());
    }

    /**
     * Refuses, before anything runs, a module that imports something no Spin 1.x host provides or
     * with a different signature, naming the component and the import.
     */
    public void check(WasmModule module, String componentId) throws LinkException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
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
            }
        }
        if (!problems.isEmpty()) {
            throw new LinkException("Failed to instantiate component '" + componentId
                    + "': unknown import " + String.join(", ", problems));
        }
    }

    /** The imports of one instance: the shared Spin functions plus that instance's WASI functions. */
    public ImportValues imports(HostFunction[] wasiFunctions) {
        // a fresh list: the builder keeps and appends to the collection it is given
        List<ImportFunction> functions = new ArrayList<>(spinFunctions.size() + wasiFunctions.length);
        functions.addAll(spinFunctions);
        functions.addAll(List.of(wasiFunctions));
        return ImportValues.builder().withFunctions(functions).build();
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
