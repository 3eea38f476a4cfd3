package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ValType;
import java.util.List;

/** Short spellings of WIT function types for the host instances' declarations. */
final class Signatures {
    private Signatures() {}

    /** {@code func(params) -> result}; {@code result} null for none. */
    static FuncType func(ValType result, Field... params) {
        return new FuncType(List.of(params), result);
    }

    static Field param(String name, ValType type) {
        return new Field(name, type);
    }

    /** The {@code self} parameter of a resource method. */
    static Field self(ResourceType resource) {
        return param("self", new BorrowType(resource));
    }
}
