package dev.spinj.cm.runtime;

import java.util.Collections;
import java.util.Map;

/** An instantiated component: its exports, and calls into them with Java values. */
public final class ComponentInstance {
    private final String componentName;
    private final Map<String, Object> exports;

    ComponentInstance(String componentName, Map<String, Object> exports) {
        this.componentName = componentName;
        this.exports = Collections.unmodifiableMap(exports);
    }

    /** Exports by name: {@link ComponentFunction}s, instances (maps of the same) and types. */
    public Map<String, Object> exports() {
        return exports;
    }

    /**
     * The exported function {@code name}, or {@code interface#function} for a function of an
     * exported instance (e.g. {@code wasi:http/incoming-handler@0.2.0#handle}).
     */
    public ComponentFunction function(String name) {
        Object item;
        int hash = name.indexOf('#');
        if (hash < 0) {
            item = exports.get(name);
        } else {
            Object instance = exports.get(name.substring(0, hash));
            item = instance instanceof Map<?, ?> m ? m.get(name.substring(hash + 1)) : null;
        }
        if (!(item instanceof ComponentFunction f)) {
            throw new IllegalArgumentException("component `" + componentName + "` exports no function `" + name + "`"
                    + " (exports: " + exports.keySet() + ")");
        }
        return f;
    }

    /** Calls the exported function {@code name} (see {@link #function(String)}). */
    public Object call(String name, Object... args) {
        return function(name).call(args);
    }
}
