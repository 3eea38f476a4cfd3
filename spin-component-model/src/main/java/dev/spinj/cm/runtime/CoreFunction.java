package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.spinj.cm.abi.CallContext;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.InstanceState;
import dev.spinj.cm.abi.Realloc;
import dev.spinj.cm.types.CoreFuncType;
import dev.spinj.cm.types.CoreValType;
import java.util.List;
import java.util.function.Supplier;

/**
 * A core function value: an export of a Chicory instance, or a host body (canon lower and the
 * resource built-ins). Either can be passed as an import to another core instance.
 */
final class CoreFunction {
    final String name;
    private final FunctionType type;
    private final ExportFunction body;
    private final Instance source;

    private CoreFunction(String name, FunctionType type, ExportFunction body, Instance source) {
        this.name = name;
        this.type = type;
        this.body = body;
        this.source = source;
    }

    static CoreFunction exported(Instance instance, String name) {
        return new CoreFunction(name, instance.exportType(name), instance.export(name), instance);
    }

    static CoreFunction host(String name, CoreFuncType type, ExportFunction body) {
        return new CoreFunction(name, FunctionType.of(chicory(type.params()), chicory(type.results())), body, null);
    }

    /**
     * {@code canon lower} of {@code target}: Java values lifted from and lowered into the
     * instance's memory, which the suppliers give at call time (a core module's lowered imports
     * exist before the memory they will use).
     */
    static CoreFunction lowered(String name, FunctionAbi abi, ComponentFunction target, InstanceState state,
            Supplier<Memory> memory, Supplier<Realloc> realloc) {
        return host(name, abi.loweredCoreType(), args -> {
            state.checkMayLeave(name);
            CallContext cx = new CallContext(name, state, memory.get(), realloc.get());
            Object[] params = abi.liftParams(cx, args);
            Object result = target.call(params);
            long[] out = abi.lowerResults(cx, result, args);
            cx.releaseLends();
            return out;
        });
    }

    /** The core type, written like {@link CoreFuncType#toString()}. */
    String typeText() {
        return "(func " + lower(type.params()) + " -> " + lower(type.returns()) + ")";
    }

    private static List<String> lower(List<ValType> types) {
        return types.stream().map(t -> t.toString().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** Whether this function's core type is exactly {@code expected}. */
    boolean hasType(CoreFuncType expected) {
        return type.typesMatch(FunctionType.of(chicory(expected.params()), chicory(expected.results())));
    }

    long[] call(long... args) {
        return body.apply(args);
    }

    /** This function as the import {@code module.field} of another core instance. */
    ImportFunction asImport(String module, String field) {
        if (source != null) {
            return ImportFunction.exportAsImport(module, field, source, name);
        }
        return new HostFunction(module, field, type, (instance, args) -> body.apply(args));
    }

    private static List<ValType> chicory(List<CoreValType> types) {
        return types.stream().map(t -> switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            default -> throw new IllegalArgumentException("no canonical ABI core type " + t);
        }).toList();
    }
}
