package dev.spinj.cm.types;

import java.util.Objects;

/** A named record field or function parameter. */
public record Field(String name, ValType type) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
