package dev.spinj.wasm.wit;

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
 * WIT spelled in Java for the host instances' declarations (WASI, wasi:http, Spin's interfaces),
 * so each interface reads close to its WIT file. The linker compares these with the guest's types
 * structurally: names and order of fields and cases must be exactly the WIT's.
 */
public final class Wit {
    public static final ValType STRING = Primitive.STRING;
    public static final ValType BYTES = new ListType(Primitive.U8);

    private Wit() {}

    /** {@code func(params) -> result}; {@code result} null for none. */
    public static FuncType func(ValType result, Field... params) {
        return new FuncType(List.of(params), result);
    }

    public static Field param(String name, ValType type) {
        return new Field(name, type);
    }

    /** The {@code self} parameter of a resource method. */
    public static Field self(ResourceType resource) {
        return param("self", new BorrowType(resource));
    }

    public static ValType result(ValType ok, ValType error) {
        return new ResultType(ok, error);
    }

    public static ValType list(ValType element) {
        return new ListType(element);
    }

    public static ValType option(ValType type) {
        return new OptionType(type);
    }

    public static ValType tuple(ValType... types) {
        return new TupleType(List.of(types));
    }

    public static ValType own(ResourceType resource) {
        return new OwnType(resource);
    }

    public static ValType borrow(ResourceType resource) {
        return new BorrowType(resource);
    }

    public static ValType record(Field... fields) {
        return new RecordType(List.of(fields));
    }

    public static ValType variant(Case... cases) {
        return new VariantType(List.of(cases));
    }

    /** A variant case; {@code payload} null for none. */
    public static Case alt(String name, ValType payload) {
        return new Case(name, payload);
    }

    public static Case alt(String name) {
        return new Case(name, null);
    }

    public static ValType enumOf(String... names) {
        return new EnumType(List.of(names));
    }
}
