package dev.spinj.wasm.variables;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Variables from the process environment as {@code <PREFIX>_<NAME>} upper-cased ({@code SPIN_CONFIG}
 * for Spin 1 apps, {@code SPIN_VARIABLE} for Spin 2), falling back to the same name in a dotenv
 * file; the process environment wins.
 */
public final class EnvVariableProvider implements VariableProvider {
    private final String prefix;
    private final Map<String, String> env;
    private final Map<String, String> dotenv;

    public EnvVariableProvider(String prefix, Map<String, String> env, Map<String, String> dotenv) {
        this.prefix = prefix;
        this.env = env;
        this.dotenv = Map.copyOf(dotenv);
    }

    public EnvVariableProvider(String prefix, Map<String, String> env) {
        this(prefix, env, Map.of());
    }

    @Override
    public Optional<String> get(String name) {
        String key = prefix + "_" + name.toUpperCase(Locale.ROOT);
        String value = env.get(key);
        return Optional.ofNullable(value != null ? value : dotenv.get(key));
    }
}
