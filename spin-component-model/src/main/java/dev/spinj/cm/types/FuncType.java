package dev.spinj.cm.types;

import java.util.List;
import java.util.stream.Collectors;

/** A component function type; {@code result} is null when the function returns nothing. */
public record FuncType(List<Field> params, ValType result) implements Type, ExternType {
    public FuncType {
        params = List.copyOf(params);
    }

    /** The parameter types in order. */
    public List<ValType> paramTypes() {
        return params.stream().map(Field::type).toList();
    }

    @Override
    public String toString() {
        String ps = params.stream().map(Field::toString).collect(Collectors.joining(", ", "func(", ")"));
        return result == null ? ps : ps + " -> " + result;
    }
}
