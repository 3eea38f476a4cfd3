package dev.spinj.cm.types;

import java.util.Objects;

/** {@code borrow<R>}. */
public record BorrowType(ResourceType resource) implements ValType {
    public BorrowType {
        Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String toString() {
        return "borrow<" + resource + ">";
    }
}
