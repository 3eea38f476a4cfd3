package dev.spinj.wasm.variables;

import java.util.Optional;

/** A source of variable values, asked in order before a variable's default. */
@FunctionalInterface
public interface VariableProvider {
    Optional<String> get(String name);
}
