package dev.spinj.cm.types;

import java.util.Objects;

/** A variant case; {@code type} is null for a case without payload. */
public record Case(String name, ValType type) {
    public Case {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return type == null ? name : name + "(" + type + ")";
    }
}
