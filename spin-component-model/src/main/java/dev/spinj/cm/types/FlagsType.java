package dev.spinj.cm.types;

import java.util.List;

/**
 * {@code flags { names }}. The current spec allows 1..32 flags; more than 32 (an older form
 * that wasm-tools and wasmtime still accept) is laid out as a sequence of u32 words.
 */
public record FlagsType(List<String> names) implements ValType {
    public FlagsType {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("flags need at least one name");
        }
    }

    @Override
    public String toString() {
        return "flags { " + String.join(", ", names) + " }";
    }
}
