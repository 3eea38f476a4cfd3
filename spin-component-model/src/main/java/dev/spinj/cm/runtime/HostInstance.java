package dev.spinj.cm.runtime;

import dev.spinj.cm.abi.ResourceDestructor;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.TypeBound;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An interface implemented by the host: functions and resource types by name, registered with
 * a {@link Linker} under the interface's versioned name. Resource values cross the boundary as
 * reps (Integer) of the host's choosing; the destructor runs when the guest drops its last own
 * handle.
 */
public final class HostInstance {
    private final Map<String, Object> exports;
    private final Map<ResourceType, ResourceDestructor> destructors;

    private HostInstance(Map<String, Object> exports, Map<ResourceType, ResourceDestructor> destructors) {
        this.exports = Collections.unmodifiableMap(exports);
        this.destructors = destructors;
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder that takes function and resource types from {@code type}, e.g. an interface of a
     * world decoded from a {@code component-type} section ({@link
     * dev.spinj.cm.binary.ComponentTypeSection}), so host code need not spell out WIT types in Java.
     */
    public static Builder implementing(InstanceType type) {
        return new Builder(type);
    }

    /** Functions ({@link ComponentFunction}) and resource types ({@link ResourceType}) by export name. */
    public Map<String, Object> exports() {
        return exports;
    }

    /** The instance type the host provides, for checking against a guest's import. */
    public InstanceType type() {
        Map<String, ExternType> types = new LinkedHashMap<>();
        exports.forEach((name, item) -> types.put(name,
                item instanceof ComponentFunction f ? f.type() : new TypeBound((ResourceType) item)));
        return new InstanceType(types);
    }

    ResourceDestructor destructor(ResourceType type) {
        return destructors.get(type);
    }

    /** Collects a host instance's functions and resources. */
    public static final class Builder {
        private final InstanceType declared;
        private final Map<String, Object> exports = new LinkedHashMap<>();
        private final Map<ResourceType, ResourceDestructor> destructors = new IdentityHashMap<>();

        private Builder(InstanceType declared) {
            this.declared = declared;
        }

        public Builder function(String name, ComponentFunction function) {
            exports.put(name, function);
            return this;
        }

        /** Declares a host resource type; {@code destructor} runs on the rep when the guest drops an own handle. */
        public Builder resource(String name, ResourceType type, ResourceDestructor destructor) {
            exports.put(name, type);
            destructors.put(type, destructor);
            return this;
        }

        /** A function of the declared type named {@code name} (see {@link #implementing(InstanceType)}). */
        public Builder function(String name, ComponentFunction.Body body) {
            if (!(declaredExport(name) instanceof FuncType type)) {
                throw new IllegalArgumentException("the implemented instance type declares no function `" + name + "`");
            }
            return function(name, ComponentFunction.of(type, body));
        }

        /** The declared resource type named {@code name} (see {@link #implementing(InstanceType)}). */
        public Builder resource(String name, ResourceDestructor destructor) {
            if (!(declaredExport(name) instanceof TypeBound b && b.type() instanceof ResourceType type)) {
                throw new IllegalArgumentException("the implemented instance type declares no resource `" + name + "`");
            }
            return resource(name, type, destructor);
        }

        private ExternType declaredExport(String name) {
            if (declared == null) {
                throw new IllegalStateException("no instance type to take `" + name + "` from: use HostInstance.implementing(type)");
            }
            return declared.exports().get(name);
        }

        public HostInstance build() {
            return new HostInstance(new LinkedHashMap<>(exports), destructors);
        }
    }
}
