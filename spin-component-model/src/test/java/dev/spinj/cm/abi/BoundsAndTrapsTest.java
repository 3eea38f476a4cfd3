package dev.spinj.cm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest-supplied values the ABI must refuse with a trap naming the rule, never an Error. */
class BoundsAndTrapsTest {
    private final GuestMemory guest = new GuestMemory();
    private final CallContext cx = guest.context(GuestMemory.instance());

    private Object[] lift(ValType t, long... flat) {
        return FunctionAbi.plan(new FuncType(List.of(new Field("p", t)), null), StringEncoding.UTF8).liftParams(cx, flat);
    }

    private String trap(ValType t, long... flat) {
        return assertThrows(CanonicalAbiTrap.class, () -> lift(t, flat)).getMessage();
    }

    @Test
    void aListLongerThanMemoryTrapsWithoutAllocating() {
        assertEquals("canonical ABI trap in `test-fn`: list of 4294967295 elements of 8 bytes exceeds the maximum of 268435455 bytes",
                trap(new ListType(Primitive.U64), 0, 0xffffffffL));
        assertEquals("canonical ABI trap in `test-fn`: list<u8> at 0x10 of 268435455 bytes is out of bounds of memory (65536 bytes)",
                trap(new ListType(Primitive.U8), 16, (1 << 28) - 1));
        assertEquals("canonical ABI trap in `test-fn`: list at 0x0 of 67108864 bytes is out of bounds of memory (65536 bytes)",
                trap(new ListType(Primitive.U32), 0, 1 << 24));
    }

    @Test
    void misalignedListTraps() {
        assertEquals("canonical ABI trap in `test-fn`: list pointer 0x2 is not aligned to 4", trap(new ListType(Primitive.U32), 2, 1));
    }

    @Test
    void badCharsTrap() {
        assertEquals("canonical ABI trap in `test-fn`: char 0xd800 is not a Unicode scalar value", trap(Primitive.CHAR, 0xd800));
        assertEquals("canonical ABI trap in `test-fn`: char 0x110000 is not a Unicode scalar value", trap(Primitive.CHAR, 0x110000));
    }

    @Test
    void badDiscriminantTraps() {
        VariantType v = new VariantType(List.of(new Case("a", null), new Case("b", Primitive.U8)));
        assertEquals("canonical ABI trap in `test-fn`: discriminant 2 out of range for variant (VariantValue with a label of [a, b]) with 2 cases",
                trap(v, 2, 0));
        guest.memory.writeByte(200, (byte) 7);
        assertEquals("canonical ABI trap in `test-fn`: discriminant 7 out of range for variant (VariantValue with a label of [a, b]) with 2 cases",
                trap(new ListType(v), 200, 1));
    }

    @Test
    void reallocReturningAnOutOfBoundsPointerTraps() {
        CallContext evil = new CallContext("evil-fn", GuestMemory.instance(), guest.memory, (p, o, a, n) -> 65530);
        FunctionAbi abi = FunctionAbi.plan(new FuncType(List.of(new Field("s", Primitive.STRING)), null), StringEncoding.UTF8);
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> abi.lowerParams(evil, "0123456789"));
        assertEquals("canonical ABI trap in `evil-fn`: realloc result for a string at 0xfffa of 10 bytes is out of bounds of memory (65536 bytes)",
                t.getMessage());
    }

    @Test
    void aReturnPointerOutOfBoundsTraps() {
        FunctionAbi abi = FunctionAbi.plan(new FuncType(List.of(), Primitive.STRING), StringEncoding.UTF8);
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> abi.lowerResults(cx, "x", new long[] {65532}));
        assertEquals("canonical ABI trap in `test-fn`: the return pointer at 0xfffc of 8 bytes is out of bounds of memory (65536 bytes)",
                t.getMessage());
    }
}
