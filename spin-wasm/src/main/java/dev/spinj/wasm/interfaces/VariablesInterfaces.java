package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.list;
import static dev.spinj.wasm.wit.Wit.option;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.tuple;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.ValType;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.variables.VariableLookupException;
import dev.spinj.wasm.variables.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fermyon:spin/variables@2.0.0} and {@code wasi:config/store@0.2.0-draft-2024-09-27}
 * (SPEC2 §4.2, §4.6): two views of the calling component's {@code variables} table.
 */
final class VariablesInterfaces {
    private final Variables variables;

    VariablesInterfaces(Variables variables) {
        this.variables = variables;
    }

    void addTo(Linker linker) {
        ValType error = variant(alt("invalid-name", STRING), alt("undefined", STRING), alt("provider", STRING),
                alt("other", STRING));
        linker.instance("fermyon:spin/variables@2.0.0", HostInstance.builder()
                .function("get", ComponentFunction.of(func(result(STRING, error), param("name", STRING)), a -> get((String) a[0])))
                .build());
        ValType configError = variant(alt("upstream", STRING), alt("io", STRING));
        linker.instance("wasi:config/store@0.2.0-draft-2024-09-27", HostInstance.builder()
                .function("get", ComponentFunction.of(func(result(option(STRING), configError), param("key", STRING)),
                        a -> configGet((String) a[0])))
                .function("get-all", ComponentFunction.of(func(result(list(tuple(STRING, STRING)), configError)),
                        a -> configGetAll()))
                .build());
    }

    private ResultValue get(String name) {
        try {
            return ResultValue.ok(variables.componentVariable(HostContext.current().component(), name));
        } catch (VariableLookupException e) {
            return ResultValue.err(new VariantValue(switch (e.kind()) {
                case INVALID_NAME -> "invalid-name";
                case UNDEFINED -> "undefined";
                case PROVIDER -> "provider";
            }, e.getMessage()));
        }
    }

    /** A name the component cannot have (undefined or invalid) is simply absent, as the wasi-config guidance says. */
    private ResultValue configGet(String key) {
        try {
            return ResultValue.ok(Optional.of(variables.componentVariable(HostContext.current().component(), key)));
        } catch (VariableLookupException e) {
            return e.kind() == VariableLookupException.Kind.PROVIDER
                    ? ResultValue.err(new VariantValue("upstream", e.getMessage()))
                    : ResultValue.ok(Optional.empty());
        }
    }

    private ResultValue configGetAll() {
        LockedComponent component = HostContext.current().component();
        List<List<String>> all = new ArrayList<>();
        for (String key : component.config().keySet()) {
            try {
                all.add(List.of(key, variables.componentVariable(component, key)));
            } catch (VariableLookupException e) {
                return ResultValue.err(new VariantValue(e.kind() == VariableLookupException.Kind.PROVIDER ? "upstream" : "io",
                        e.getMessage()));
            }
        }
        return ResultValue.ok(all);
    }
}
