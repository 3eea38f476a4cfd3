package dev.spinj.cm.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code record { fields }}: at least one field. */
public record RecordType(List<Field> fields) implements ValType {
    public RecordType {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a record needs at least one field");
        }
    }

    @Override
    public String toString() {
        return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "record { ", " }"));
    }
}
