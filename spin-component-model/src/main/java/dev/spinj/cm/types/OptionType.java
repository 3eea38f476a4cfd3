package dev.spinj.cm.types;

import java.util.Objects;

/** {@code option<T>}. */
public record OptionType(ValType type) implements ValType {
    public OptionType {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return "option<" + type + ">";
    }
}
