package dev.spinj.wasm.interfaces;

import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.List;

/**
 * WIT spelled in Java for the host instances' declarations, so each interface reads close to its
 * WIT file (SPEC2 §4). The linker compares these with the guest's types structurally: names and
 * order of fields and cases must be exactly the WIT's.
 */
final class Wit {
    static final ValType STRING = Primitive.STRING;
    static final ValType BYTES = new ListType(Primitive.U8);

    private Wit() {}

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

    static ValType result(ValType ok, ValType error) {
        return new ResultType(ok, error);
    }

    static ValType list(ValType element) {
        return new ListType(element);
    }

    static ValType option(ValType type) {
        return new OptionType(type);
    }

    static ValType tuple(ValType... types) {
        return new TupleType(List.of(types));
    }

    static ValType own(ResourceType resource) {
        return new OwnType(resource);
    }

    static ValType borrow(ResourceType resource) {
        return new BorrowType(resource);
    }

    static ValType record(Field... fields) {
        return new RecordType(List.of(fields));
    }

    static ValType variant(Case... cases) {
        return new VariantType(List.of(cases));
    }

    /** A variant case; {@code payload} null for none. */
    static Case alt(String name, ValType payload) {
        return new Case(name, payload);
    }

    static Case alt(String name) {
        return new Case(name, null);
    }

    static ValType enumOf(String... names) {
        return new EnumType(List.of(names));
    }
}
