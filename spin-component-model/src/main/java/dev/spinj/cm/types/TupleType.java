package dev.spinj.cm.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code tuple<T...>}: at least one element. */
public record TupleType(List<ValType> types) implements ValType {
    public TupleType {
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a tuple needs at least one element");
        }
    }

    @Override
    public String toString() {
        return types.stream().map(Object::toString).collect(Collectors.joining(", ", "tuple<", ">"));
    }
}
