package dev.spinj.cm.types;

import java.util.Objects;

/** {@code own<R>}. */
public record OwnType(ResourceType resource) implements ValType {
    public OwnType {
        Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String toString() {
        return "own<" + resource + ">";
    }
}
