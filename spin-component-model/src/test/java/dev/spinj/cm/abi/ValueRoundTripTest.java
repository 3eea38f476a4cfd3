package dev.spinj.cm.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FlagsType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every value type through flat values and through memory, against hand-computed layouts. */
class ValueRoundTripTest {
    private final GuestMemory guest = new GuestMemory();
    private final CallContext cx = guest.context(GuestMemory.instance());

    private static FunctionAbi returning(ValType t) {
        return FunctionAbi.plan(new FuncType(List.of(), t), StringEncoding.UTF8);
    }

    private static FunctionAbi taking(ValType... ts) {
        List<Field> ps = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            ps.add(new Field("p" + i, ts[i]));
        }
        return FunctionAbi.plan(new FuncType(ps, null), StringEncoding.UTF8);
    }

    /** Lowers through a host import's retptr into memory, then lifts it as a guest export's result pointer. */
    private Object throughMemory(ValType t, Object value, int retptr) {
        FunctionAbi abi = returning(t);
        if (!abi.resultInMemory()) {
            // a one-slot type would come back flat: pair it with a string so the result goes
            // through memory, with the value itself still at offset 0
            FunctionAbi pair = returning(new TupleType(List.of(t, Primitive.STRING)));
            pair.lowerResults(cx, List.of(value, ""), new long[] {retptr});
            return ((List<?>) pair.liftResults(cx, new long[] {retptr})).get(0);
        }
        abi.lowerResults(cx, value, new long[] {retptr});
        return abi.liftResults(cx, new long[] {retptr});
    }

    private Object throughFlat(ValType t, Object value) {
        FunctionAbi abi = taking(t);
        long[] flat = abi.lowerParams(cx, value);
        return abi.liftParams(cx, flat)[0];
    }

    @Test
    void primitivesRoundTripFlat() {
        assertEquals(true, throughFlat(Primitive.BOOL, true));
        assertEquals(-128, throughFlat(Primitive.S8, -128));
        assertEquals(255, throughFlat(Primitive.U8, 255));
        assertEquals(-32768, throughFlat(Primitive.S16, -32768));
        assertEquals(65535, throughFlat(Primitive.U16, 65535));
        assertEquals(Integer.MIN_VALUE, throughFlat(Primitive.S32, Integer.MIN_VALUE));
        assertEquals(0xffffffffL, throughFlat(Primitive.U32, 0xffffffffL));
        assertEquals(Long.MIN_VALUE, throughFlat(Primitive.S64, Long.MIN_VALUE));
        assertEquals(-1L, throughFlat(Primitive.U64, -1L));
        assertEquals(1.5f, throughFlat(Primitive.F32, 1.5f));
        assertEquals(-2.25, throughFlat(Primitive.F64, -2.25));
        assertEquals(0x1F600, throughFlat(Primitive.CHAR, 0x1F600));
        assertEquals("héllo 😀", throughFlat(Primitive.STRING, "héllo 😀"));
    }

    @Test
    void flatLiftingWrapsAndNormalises() {
        FunctionAbi abi = taking(Primitive.U8, Primitive.S8, Primitive.BOOL, Primitive.F32);
        long nan = 0x7fa00001L;
        Object[] v = abi.liftParams(cx, new long[] {0x1ff, 0xff, 2, nan});
        assertEquals(0xff, v[0]);
        assertEquals(-1, v[1]);
        assertEquals(true, v[2]);
        assertEquals(0x7fc00000, Float.floatToRawIntBits((Float) v[3]));
    }

    @Test
    void recordInMemoryHasTheSpecLayout() {
        RecordType r = new RecordType(List.of(new Field("a", Primitive.U8), new Field("b", Primitive.U32), new Field("c", Primitive.U16)));
        Object back = throughMemory(r, RecordValue.of(7, 0x01020304L, 0x0506), 64);
        assertEquals(RecordValue.of(7, 0x01020304L, 0x0506), back);
        assertArrayEquals(new byte[] {7, 0, 0, 0, 4, 3, 2, 1, 6, 5, 0, 0}, guest.bytes(64, 12));
    }

    @Test
    void resultOfU64InMemoryPutsThePayloadAt8() {
        ResultType t = new ResultType(Primitive.U64, Primitive.STRING);
        assertEquals(ResultValue.ok(0x1122334455667788L), throughMemory(t, ResultValue.ok(0x1122334455667788L), 64));
        byte[] b = guest.bytes(64, 16);
        assertEquals(0, b[0]);
        assertEquals((byte) 0x88, b[8]);
        assertEquals(ResultValue.err("no"), throughMemory(t, ResultValue.err("no"), 64));
        assertEquals(1, guest.bytes(64, 1)[0]);
    }

    @Test
    void variantPayloadsJoinIntoI64SlotsZeroExtended() {
        VariantType v = new VariantType(List.of(new Case("f", Primitive.F32), new Case("big", Primitive.U64), new Case("none", null)));
        FunctionAbi abi = taking(v);
        long[] f = abi.lowerParams(cx, new VariantValue("f", -1.5f));
        assertArrayEquals(new long[] {0, Float.floatToRawIntBits(-1.5f) & 0xffffffffL}, f);
        long[] big = abi.lowerParams(cx, new VariantValue("big", -1L));
        assertArrayEquals(new long[] {1, -1L}, big);
        long[] none = abi.lowerParams(cx, VariantValue.of("none"));
        assertArrayEquals(new long[] {2, 0}, none);
        assertEquals(new VariantValue("f", -1.5f), abi.liftParams(cx, f)[0]);
        assertEquals(new VariantValue("big", -1L), abi.liftParams(cx, big)[0]);
        assertEquals(VariantValue.of("none"), abi.liftParams(cx, none)[0]);

        // i32 payload into an i64 slot: a negative s32 must arrive zero-extended
        VariantType mixed = new VariantType(List.of(new Case("i", Primitive.S32), new Case("l", Primitive.S64)));
        assertArrayEquals(new long[] {0, 0xffffffffL}, taking(mixed).lowerParams(cx, new VariantValue("i", -1)));
        assertEquals(new VariantValue("i", -1), taking(mixed).liftParams(cx, new long[] {0, 0xffffffffL})[0]);
    }

    @Test
    void listsOfRecordsOfVariantsRoundTripThroughMemory() {
        VariantType value = new VariantType(List.of(new Case("n", Primitive.U32), new Case("s", Primitive.STRING), new Case("nothing", null)));
        ListType t = new ListType(new RecordType(List.of(new Field("name", Primitive.STRING), new Field("v", value))));
        List<Object> list = List.of(
                RecordValue.of("a", new VariantValue("n", 42L)),
                RecordValue.of("bé", new VariantValue("s", "😀")),
                RecordValue.of("", VariantValue.of("nothing")));
        assertEquals(list, throughMemory(t, list, 64));
        assertEquals(list, throughFlat(t, list));
    }

    @Test
    void tuplesEnumsOptionsFlagsAndByteLists() {
        assertEquals(List.of(1, "x", 2.5), throughFlat(new TupleType(List.of(Primitive.U8, Primitive.STRING, Primitive.F64)), List.of(1, "x", 2.5)));
        EnumType e = new EnumType(List.of("red", "green", "blue"));
        assertEquals("blue", throughMemory(e, "blue", 64));
        assertEquals(2, guest.bytes(64, 1)[0]);
        assertEquals(Optional.of(Optional.empty()), throughMemory(new OptionType(new OptionType(Primitive.U32)), Optional.of(Optional.empty()), 64));
        assertEquals(Optional.empty(), throughFlat(new OptionType(Primitive.STRING), Optional.empty()));
        FlagsType small = new FlagsType(List.of("read", "write", "exec"));
        assertEquals(Set.of("read", "exec"), throughMemory(small, Set.of("read", "exec"), 64));
        assertEquals(0b101, guest.bytes(64, 1)[0]);
        FlagsType wide = new FlagsType(IntStream.range(0, 40).mapToObj(i -> "f" + i).toList());
        assertArrayEquals(new long[] {1, 1 << 7}, taking(wide).lowerParams(cx, Set.of("f0", "f39")));
        assertEquals(Set.of("f0", "f39"), throughMemory(wide, Set.of("f0", "f39"), 64));
        assertArrayEquals(new byte[] {1, 0, 0, 0, (byte) 0x80, 0, 0, 0}, guest.bytes(64, 8));
        byte[] bytes = {1, 2, 3, (byte) 0xff};
        assertArrayEquals(bytes, (byte[]) throughFlat(new ListType(Primitive.U8), bytes));
        assertArrayEquals(bytes, (byte[]) throughMemory(new ListType(Primitive.U8), bytes, 64));
    }

    @Test
    void seventeenParamsTravelAsATupleInGuestMemory() {
        List<Field> ps = new ArrayList<>();
        Object[] args = new Object[17];
        for (int i = 0; i < 17; i++) {
            ps.add(new Field("p" + i, i == 16 ? Primitive.U64 : Primitive.U8));
            args[i] = i == 16 ? (Object) 99L : (Object) i;
        }
        FunctionAbi abi = FunctionAbi.plan(new FuncType(ps, null), StringEncoding.UTF8);
        long[] flat = abi.lowerParams(cx, args);
        assertEquals(1, flat.length);
        // one realloc for the 24-byte tuple (16 bytes, then the u64 at 16), aligned to 8
        assertEquals(List.of(List.of(0, 0, 8, 24)), guest.calls);
        assertEquals(15, guest.bytes((int) flat[0] + 15, 1)[0]);
        assertArrayEquals(args, abi.liftParams(cx, flat));
    }

    @Test
    void emptyStringsAndListsStillCallRealloc() {
        taking(Primitive.STRING, new ListType(Primitive.U32), new ListType(Primitive.U8)).lowerParams(cx, "", List.of(), new byte[0]);
        assertEquals(List.of(List.of(0, 0, 1, 0), List.of(0, 0, 4, 0), List.of(0, 0, 1, 0)), guest.calls);
    }

    @Test
    void wrongJavaValuesAreReportedWithTheFunctionName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> taking(Primitive.U32).lowerParams(cx, 5));
        assertEquals("`test-fn`: expected a Java value for u32, found Integer 5", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> taking(Primitive.U8).lowerParams(cx, 256))
                .getMessage().contains("out of range"));
    }
}
