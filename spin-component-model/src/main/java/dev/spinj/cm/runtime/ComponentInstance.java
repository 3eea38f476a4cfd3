package dev.spinj.cm.runtime;

import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.types.ResourceType;
import java.util.Collections;
import java.util.Map;

/**
 * An instantiated component: its exports, and calls into them with Java values. Like the
 * component model's instances it is single-threaded (a call must return before the next one
 * starts) and a trap leaves it unusable: create one per request from a {@link LinkedComponent}.
 */
public final class ComponentInstance {
    private final String componentName;
    private final Map<String, Object> exports;
    private final ResourceDestructor destructor;

    ComponentInstance(String componentName, Map<String, Object> exports, ResourceDestructor destructor) {
        this.componentName = componentName;
        this.exports = Collections.unmodifiableMap(exports);
        this.destructor = destructor;
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
        if (!(export(name) instanceof ComponentFunction f)) {
            throw new IllegalArgumentException("component `" + componentName + "` exports no function `" + name + "`"
                    + " (exports: " + exports.keySet() + ")");
        }
        return f;
    }

    /**
     * Drops the host's own handle to a resource this component exports ({@code name} as in
     * {@link #function(String)}, e.g. {@code wasi:http/types@0.2.0#fields}): the component's
     * destructor runs on {@code rep}.
     */
    public void dropResource(String name, int rep) {
        if (!(export(name) instanceof ResourceType type)) {
            throw new IllegalArgumentException("component `" + componentName + "` exports no resource type `" + name + "`");
        }
        destructor.destroy(type, rep);
    }

    /** Destroys resources this component defines, e.g. a dependency's when the main component drops its last handle. */
    ResourceDestructor destructor() {
        return destructor;
    }

    private Object export(String name) {
        int hash = name.indexOf('#');
        if (hash < 0) {
            return exports.get(name);
        }
        Object instance = exports.get(name.substring(0, hash));
        return instance instanceof Map<?, ?> m ? m.get(name.substring(hash + 1)) : null;
    }

    /** Calls the exported function {@code name} (see {@link #function(String)}). */
    public Object call(String name, Object... args) {
        return function(name).call(args);
    }
}
