package dev.spinj.cm.types;

import java.util.List;

/** {@code enum { names }}: at least one name. */
public record EnumType(List<String> names) implements ValType {
    public EnumType {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an enum needs at least one case");
        }
    }

    @Override
    public String toString() {
        return "enum { " + String.join(", ", names) + " }";
    }
}
