package dev.spinj.cm.types;

import java.util.Objects;

/**
 * An imported or exported type: {@code (type (eq T))} carries T itself, {@code (type (sub
 * resource))} a fresh abstract {@link ResourceType}.
 */
public record TypeBound(Type type) implements ExternType {
    public TypeBound {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return "type " + type;
    }
}
