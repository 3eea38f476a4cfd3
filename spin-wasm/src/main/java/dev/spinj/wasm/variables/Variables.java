package dev.spinj.wasm.variables;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedVariable;
import dev.spinj.wasm.config.EnvProviderConfig;
import dev.spinj.wasm.config.RuntimeConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves component config templates ({@code "I'm a {{ object }}"}) over the app's variables:
 * each variable from the first provider that knows it, else its default (SPEC 3.2).
 */
public final class Variables {
    private final Map<String, LockedVariable> declared;
    private final List<VariableProvider> providers;

    public Variables(Map<String, LockedVariable> declared, List<VariableProvider> providers) {
        this.declared = Map.copyOf(declared);
        this.providers = List.copyOf(providers);
    }

    /**
     * The providers of one app, in Spin's order: the built-in env provider ({@code SPIN_CONFIG_*}
     * for a Spin 1 lock, {@code SPIN_VARIABLE_*} for a Spin 2 lock, i.e. one with
     * {@code metadata.triggers}) backed by {@code <appDir>/.env}, then the runtime config's env
     * providers. Defaults come last, in {@link #resolve}.
     */
    public static Variables forApp(LockedApp app, Map<String, String> processEnv, Path appDir,
            List<EnvProviderConfig> configured) {
        List<VariableProvider> providers = new ArrayList<>();
        String prefix = app.metadata().containsKey("triggers") ? "SPIN_VARIABLE" : "SPIN_CONFIG";
        providers.add(new EnvVariableProvider(prefix, processEnv, dotenv(appDir == null ? null : appDir.resolve(".env"))));
        for (EnvProviderConfig config : configured) {
            providers.add(new EnvVariableProvider(config.prefix(), processEnv, dotenv(config.dotenvPath())));
        }
        return new Variables(app.variables(), providers);
    }

    private static Map<String, String> dotenv(Path file) {
        try {
            return DotEnvFile.read(file);
        } catch (IOException e) {
            throw new RuntimeConfigException("Failed to read the dotenv file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails startup, naming the component or variable, when a config template is malformed or
     * names an undeclared variable, or when a required variable resolves nowhere. Never puts a
     * value in the message: it may be a secret.
     */
    public void check(LockedApp app) {
        for (LockedComponent component : app.components()) {
            for (Map.Entry<String, String> entry : component.config().entrySet()) {
                try {
                    for (Part part : parse(entry.getValue())) {
                        if (part.variable() && !declared.containsKey(part.text())) {
                            throw new VariableException("no variable for \"" + part.text() + "\"");
                        }
                    }
                } catch (VariableException e) {
                    throw new RuntimeConfigException("Component " + component.id() + ": invalid config \""
                            + entry.getKey() + "\": " + e.getMessage());
                }
            }
        }
        for (String name : declared.keySet()) {
            try {
                resolve(name);
            } catch (VariableException e) {
                throw new RuntimeConfigException("Variable \"" + name + "\" is required but has no value: "
                        + e.getMessage());
            }
        }
    }

    public String resolveTemplate(String template) throws VariableException {
        StringBuilder out = new StringBuilder();
        for (Part part : parse(template)) {
            out.append(part.variable() ? resolve(part.text()) : part.text());
        }
        return out.toString();
    }

    /**
     * A variable of {@code component}'s {@code variables} table as Spin 2+ resolves it for
     * {@code fermyon:spin/variables} and {@code wasi:config/store} (SPEC2 §4.2): the name is
     * validated, must be in the table, and its template is resolved over the app's variables.
     */
    public String componentVariable(LockedComponent component, String name) throws VariableLookupException {
        String invalid = VariableNames.problem(name);
        if (invalid != null) {
            throw new VariableLookupException(VariableLookupException.Kind.INVALID_NAME, "\"" + name + "\": " + invalid);
        }
        String template = component.config().get(name);
        if (template == null) {
            throw new VariableLookupException(VariableLookupException.Kind.UNDEFINED,
                    "no variable for \"" + component.id() + "\".\"" + name + "\"");
        }
        try {
            return resolveTemplate(template);
        } catch (VariableException e) {
            throw new VariableLookupException(VariableLookupException.Kind.PROVIDER, e.getMessage());
        }
    }

    public String resolve(String name) throws VariableException {
        if (!declared.containsKey(name)) {
            throw new VariableException("no variable for \"" + name + "\"");
        }
        for (VariableProvider provider : providers) {
            Optional<String> value = provider.get(name);
            if (value.isPresent()) {
                return value.get();
            }
        }
        String fallback = declared.get(name).defaultValue();
        if (fallback != null) {
            return fallback;
        }
        throw new VariableException("no provider resolved required variable \"" + name + "\"");
    }

    private record Part(String text, boolean variable) {}

    private static List<Part> parse(String template) throws VariableException {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Part(template.substring(at), false));
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new VariableException("unmatched '{{' in template \"" + template + "\"");
            }
            parts.add(new Part(template.substring(at, open), false));
            parts.add(new Part(template.substring(open + 2, close).trim(), true));
            at = close + 2;
        }
        return parts;
    }
}
