package dev.spinj.cm.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instance type: its exports by name, in declaration order. */
public record InstanceType(Map<String, ExternType> exports) implements Type, ExternType {
    public InstanceType {
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public String toString() {
        return "instance " + exports.keySet();
    }
}
