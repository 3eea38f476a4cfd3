package dev.spinj.wasm.variables;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Variables from the process environment, {@code <PREFIX>_<NAME>} upper-cased (Spin 1: {@code SPIN_CONFIG}). */
public final class EnvVariableProvider implements VariableProvider {
    private final String prefix;
    private final Map<String, String> env;

    public EnvVariableProvider(String prefix, Map<String, String> env) {
        this.prefix = prefix;
        this.env = env;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(env.get(prefix + "_" + name.toUpperCase(Locale.ROOT)));
    }
}
