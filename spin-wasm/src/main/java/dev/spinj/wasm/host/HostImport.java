package dev.spinj.wasm.host;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Collections;
import java.util.List;

/**
 * One host function of a Spin interface with its name under each ABI flavour (they differ only
 * for outbound HTTP: {@code request} vs {@code send-request}) and its flattened core type.
 */
public record HostImport(String legacyName, String canonicalName, FunctionType type, HostCall call) {

    /** A function taking {@code i32Params} i32s and returning nothing: nearly every Spin import. */
    public static HostImport i32s(String name, int i32Params, HostCall call) {
        return new HostImport(name, name, i32Type(i32Params), call);
    }

    public static FunctionType i32Type(int params) {
        return FunctionType.of(Collections.nCopies(params, ValType.I32), List.of());
    }
}
