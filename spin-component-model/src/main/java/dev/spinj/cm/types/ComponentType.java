package dev.spinj.cm.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A component type: its imports and exports by name, in declaration order. */
public record ComponentType(Map<String, ExternType> imports, Map<String, ExternType> exports)
        implements Type, ExternType {
    public ComponentType {
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public String toString() {
        return "component imports " + imports.keySet() + " exports " + exports.keySet();
    }
}
