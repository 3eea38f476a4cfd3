package dev.spinj.wasm.variables;

import dev.spinj.loader.lock.LockedVariable;
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

    public String resolveTemplate(String template) throws VariableException {
        StringBuilder out = new StringBuilder();
        for (Part part : parse(template)) {
            out.append(part.variable() ? resolve(part.text()) : part.text());
        }
        return out.toString();
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
