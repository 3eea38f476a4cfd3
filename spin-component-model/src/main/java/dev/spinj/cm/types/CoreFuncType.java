package dev.spinj.cm.types;

import java.util.List;

/** A core function type {@code (func (param ...) (result ...))}. */
public record CoreFuncType(List<CoreValType> params, List<CoreValType> results) {
    public CoreFuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    @Override
    public String toString() {
        return "(func " + params + " -> " + results + ")";
    }
}
