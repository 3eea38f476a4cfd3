package dev.spinj.cm.abi;

import static dev.spinj.cm.types.CoreValType.F32;
import static dev.spinj.cm.types.CoreValType.I32;
import static dev.spinj.cm.types.CoreValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FlagsType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sizes, alignments and flattenings from CanonicalABI.md's elem_size, alignment and flatten_type. */
class LayoutTest {
    static final ResourceType ERROR = ResourceType.defined("error", ResourceType.NO_DESTRUCTOR);

    private static void layout(ValType t, int size, int align) {
        assertArrayEquals(new int[] {size, align}, FunctionAbi.sizeAndAlignment(t), t.toString());
    }

    private static List<String> labels(int n) {
        return IntStream.range(0, n).mapToObj(i -> "l" + i).toList();
    }

    @Test
    void primitives() {
        layout(Primitive.BOOL, 1, 1);
        layout(Primitive.S8, 1, 1);
        layout(Primitive.U16, 2, 2);
        layout(Primitive.U32, 4, 4);
        layout(Primitive.CHAR, 4, 4);
        layout(Primitive.F32, 4, 4);
        layout(Primitive.U64, 8, 8);
        layout(Primitive.F64, 8, 8);
        layout(Primitive.STRING, 8, 4);
        layout(new ListType(Primitive.U64), 8, 4);
        layout(new OwnType(ERROR), 4, 4);
    }

    @Test
    void recordsAlignEachFieldAndRoundTheSize() {
        RecordType r = new RecordType(List.of(new Field("a", Primitive.U8), new Field("b", Primitive.U32), new Field("c", Primitive.U16)));
        layout(r, 12, 4);
        layout(new TupleType(List.of(Primitive.U8, Primitive.U64)), 16, 8);
        layout(new TupleType(List.of(Primitive.U8, Primitive.U8, Primitive.U8)), 3, 1);
    }

    @Test
    void resultOfU64AndStreamErrorIs16BytesAlign8() {
        // SPEC2 §2.8: result<u64, stream-error> is 16 bytes, align 8, tag @0, payload @8
        VariantType streamError = new VariantType(List.of(new Case("last-operation-failed", new OwnType(ERROR)), new Case("closed", null)));
        layout(new ResultType(Primitive.U64, streamError), 16, 8);
        assertEquals(List.of(I32, I64, I32), FunctionAbi.flatten(new ResultType(Primitive.U64, streamError)));
    }

    @Test
    void discriminantWidthFollowsTheCaseCount() {
        layout(new EnumType(labels(256)), 1, 1);
        layout(new EnumType(labels(257)), 2, 2);
        layout(new OptionType(Primitive.U8), 2, 1);
        layout(new OptionType(Primitive.U32), 8, 4);
        layout(new ResultType(null, null), 1, 1);
    }

    @Test
    void flagsUseTheSmallestWordAndWordsBeyond32() {
        layout(new FlagsType(labels(8)), 1, 1);
        layout(new FlagsType(labels(9)), 2, 2);
        layout(new FlagsType(labels(17)), 4, 4);
        layout(new FlagsType(labels(32)), 4, 4);
        layout(new FlagsType(labels(33)), 8, 4);
        assertEquals(List.of(I32, I32), FunctionAbi.flatten(new FlagsType(labels(40))));
        assertEquals(List.of(I32), FunctionAbi.flatten(new FlagsType(labels(3))));
    }

    @Test
    void variantCasesJoinSlotBySlot() {
        VariantType v = new VariantType(List.of(
                new Case("a", Primitive.U32), new Case("b", Primitive.U64), new Case("c", Primitive.F32),
                new Case("d", Primitive.STRING), new Case("e", null)));
        assertEquals(List.of(I32, I64, I32), FunctionAbi.flatten(v));
        assertEquals(List.of(I32, I32), FunctionAbi.flatten(new VariantType(List.of(new Case("f", Primitive.F32), new Case("i", Primitive.U32)))));
        assertEquals(List.of(I32, F32), FunctionAbi.flatten(new OptionType(Primitive.F32)));
        assertEquals(List.of(I32, I64), FunctionAbi.flatten(new VariantType(List.of(new Case("f", Primitive.F32), new Case("d", Primitive.F64)))));
    }

    @Test
    void responseOutparamSetFlattensToNineParams() {
        // SPEC2 §2.8 example: (own, result<own, error-code>) -> (i32, i32, i32, i32, i64, i32, i32, i32, i32);
        // the cases below are the ones of wasi:http's error-code that decide the joined slots
        ResourceType outparam = ResourceType.declared("response-outparam");
        ResourceType response = ResourceType.declared("outgoing-response");
        VariantType errorCode = new VariantType(List.of(
                new Case("dns-timeout", null),
                new Case("dns-error", new RecordType(List.of(new Field("rcode", new OptionType(Primitive.STRING)),
                        new Field("info-code", new OptionType(Primitive.U16))))),
                new Case("http-request-body-size", new OptionType(Primitive.U64)),
                new Case("tls-alert-received", new RecordType(List.of(new Field("alert-id", new OptionType(Primitive.U8)),
                        new Field("alert-message", new OptionType(Primitive.STRING))))),
                new Case("http-request-header-size", new OptionType(new RecordType(List.of(
                        new Field("field-name", new OptionType(Primitive.STRING)),
                        new Field("field-size", new OptionType(Primitive.U32))))))));
        var ft = new dev.spinj.cm.types.FuncType(List.of(new Field("param", new OwnType(outparam)),
                new Field("response", new ResultType(new OwnType(response), errorCode))), null);
        FunctionAbi abi = FunctionAbi.plan(ft, dev.spinj.cm.binary.CanonOptions.StringEncoding.UTF8);
        assertEquals(List.of(I32, I32, I32, I32, I64, I32, I32, I32, I32), abi.loweredCoreType().params());
        assertEquals(List.of(), abi.loweredCoreType().results());
    }

    @Test
    void seventeenFlatParamsGoThroughMemoryAndTwoFlatResultsThroughARetptr() {
        List<Field> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(new Field("p" + i, Primitive.U32));
        }
        var enc = dev.spinj.cm.binary.CanonOptions.StringEncoding.UTF8;
        FunctionAbi flat = FunctionAbi.plan(new dev.spinj.cm.types.FuncType(sixteen, Primitive.U32), enc);
        assertEquals(16, flat.liftedCoreType().params().size());
        List<Field> seventeen = new ArrayList<>(sixteen);
        seventeen.add(new Field("p16", Primitive.U32));
        FunctionAbi spilled = FunctionAbi.plan(new dev.spinj.cm.types.FuncType(seventeen, Primitive.STRING), enc);
        assertEquals(List.of(I32), spilled.liftedCoreType().params());
        assertEquals(List.of(I32), spilled.liftedCoreType().results());
        assertEquals(List.of(I32, I32), spilled.loweredCoreType().params());
        assertEquals(List.of(), spilled.loweredCoreType().results());
    }
}
