package dev.spinj.cm.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code variant { cases }}: at least one case. */
public record VariantType(List<Case> cases) implements ValType {
    public VariantType {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a variant needs at least one case");
        }
    }

    @Override
    public String toString() {
        return cases.stream().map(Case::toString).collect(Collectors.joining(", ", "variant { ", " }"));
    }
}
