package dev.spinj.cm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** own/borrow handle tables with the rules of CanonicalABI.md (lift_own, lift_borrow, lower_*, resource.*). */
class HandleRulesTest {
    private static final ResourceType STREAM = ResourceType.declared("output-stream");
    private static final ResourceType POLLABLE = ResourceType.declared("pollable");
    private static final ResourceType THING = ResourceType.defined("thing", 3);

    private final List<String> destroyed = new ArrayList<>();
    private final InstanceState guest = new InstanceState(Set.of(THING), (t, rep) -> destroyed.add(t + "#" + rep));
    private final GuestMemory memory = new GuestMemory();

    private static FunctionAbi abi(Object... paramTypes) {
        List<Field> ps = new ArrayList<>();
        for (int i = 0; i < paramTypes.length; i++) {
            ps.add(new Field("p" + i, (dev.spinj.cm.types.ValType) paramTypes[i]));
        }
        return FunctionAbi.plan(new FuncType(ps, null), StringEncoding.UTF8);
    }

    private CallContext call(String name) {
        return new CallContext(name, guest, memory.memory, memory);
    }

    @Test
    void ownHandlesStartAtOneAndFreedSlotsAreReused() {
        FunctionAbi give = abi(new OwnType(STREAM));
        assertEquals(1, give.lowerParams(call("give"), 100)[0]);
        assertEquals(2, give.lowerParams(call("give"), 200)[0]);
        guest.resourceDrop(STREAM, 1, "[resource-drop]output-stream");
        assertEquals(List.of("output-stream#100"), destroyed);
        assertEquals(1, give.lowerParams(call("give"), 300)[0]);
        assertEquals(300, guest.resourceRep(STREAM, 1, "rep"));
    }

    @Test
    void liftingAnOwnMovesItOutOfTheTable() {
        abi(new OwnType(STREAM)).lowerParams(call("give"), 100);
        FunctionAbi take = abi(new OwnType(STREAM));
        assertEquals(100, take.liftParams(call("take"), new long[] {1})[0]);
        assertEquals(0, guest.liveHandles());
        assertEquals("canonical ABI trap in `take`: unknown handle 1",
                assertThrows(CanonicalAbiTrap.class, () -> take.liftParams(call("take"), new long[] {1})).getMessage());
        assertEquals("canonical ABI trap in `take`: unknown handle 0",
                assertThrows(CanonicalAbiTrap.class, () -> take.liftParams(call("take"), new long[] {0})).getMessage());
    }

    @Test
    void aHandleOfAnotherResourceTypeTraps() {
        abi(new OwnType(STREAM)).lowerParams(call("give"), 100);
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class,
                () -> abi(new BorrowType(POLLABLE)).liftParams(call("[method]pollable.ready"), new long[] {1}));
        assertEquals("canonical ABI trap in `[method]pollable.ready`: handle 1 is a output-stream, not a pollable", t.getMessage());
    }

    @Test
    void borrowingOutLendsForTheCallAndBlocksDrop() {
        abi(new OwnType(STREAM)).lowerParams(call("give"), 100);
        CallContext write = call("[method]output-stream.write");
        assertEquals(100, abi(new BorrowType(STREAM)).liftParams(write, new long[] {1})[0]);
        // while the host call runs the handle may be neither dropped nor moved
        assertEquals("canonical ABI trap in `[resource-drop]output-stream`: handle 1 of output-stream is dropped while lent out 1 time(s)",
                assertThrows(CanonicalAbiTrap.class, () -> guest.resourceDrop(STREAM, 1, "[resource-drop]output-stream")).getMessage());
        assertEquals("canonical ABI trap in `take`: handle 1 of output-stream is moved while lent out 1 time(s)",
                assertThrows(CanonicalAbiTrap.class, () -> abi(new OwnType(STREAM)).liftParams(call("take"), new long[] {1})).getMessage());
        write.releaseLends();
        guest.resourceDrop(STREAM, 1, "[resource-drop]output-stream");
        assertEquals(List.of("output-stream#100"), destroyed);
    }

    @Test
    void borrowsLentIntoAnExportMustBeDroppedBeforeItReturns() {
        CallContext export = call("handle");
        long handle = abi(new BorrowType(STREAM)).lowerParams(export, 7)[0];
        assertEquals("canonical ABI trap in `handle`: 1 borrowed handle(s) not dropped before the call returned",
                assertThrows(CanonicalAbiTrap.class, export::checkBorrowsDropped).getMessage());
        assertEquals("canonical ABI trap in `take`: handle 1 is a borrow, but own<output-stream> was expected",
                assertThrows(CanonicalAbiTrap.class, () -> abi(new OwnType(STREAM)).liftParams(call("take"), new long[] {handle})).getMessage());
        guest.resourceDrop(STREAM, (int) handle, "[resource-drop]output-stream");
        export.checkBorrowsDropped();
        assertEquals(List.of(), destroyed, "dropping a borrow runs no destructor");
    }

    @Test
    void borrowsOfTheGuestsOwnResourceArePassedAsTheRep() {
        CallContext export = call("[method]thing.poke");
        assertEquals(42, abi(new BorrowType(THING)).lowerParams(export, 42)[0]);
        assertEquals(0, guest.liveHandles());
        export.checkBorrowsDropped();
    }

    @Test
    void resourceNewAndDropRunTheDestructor() {
        int h = guest.resourceNew(THING, 9, "[resource-new]thing");
        assertEquals(9, guest.resourceRep(THING, h, "[resource-rep]thing"));
        guest.resourceDrop(THING, h, "[resource-drop]thing");
        assertEquals(List.of("thing#9"), destroyed);
        assertEquals("canonical ABI trap in `[resource-drop]thing`: unknown handle 1",
                assertThrows(CanonicalAbiTrap.class, () -> guest.resourceDrop(THING, h, "[resource-drop]thing")).getMessage());
    }

    @Test
    void noCallsOutDuringPostReturnAndNoReentry() {
        guest.duringPostReturn(() -> assertEquals("canonical ABI trap in `[resource-new]thing`: the instance may not call out during post-return",
                assertThrows(CanonicalAbiTrap.class, () -> guest.resourceNew(THING, 1, "[resource-new]thing")).getMessage()));
        guest.enter("run");
        assertEquals("canonical ABI trap in `run`: the instance is already running an export and may not be re-entered",
                assertThrows(CanonicalAbiTrap.class, () -> guest.enter("run")).getMessage());
        guest.exit();
        guest.enter("run");
    }
}
