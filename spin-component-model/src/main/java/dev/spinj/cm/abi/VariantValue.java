package dev.spinj.cm.abi;

import java.util.Objects;

/** A variant value: the case label and its payload (null for a case without payload). */
public record VariantValue(String label, Object value) {
    public VariantValue {
        Objects.requireNonNull(label, "label");
    }

    public static VariantValue of(String label) {
        return new VariantValue(label, null);
    }
}
