package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.abi.CanonicalAbiTrap;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * resources.wat on Chicory: a host resource created, borrowed, moved and dropped in both
 * directions, and a guest resource whose destructor runs through the shim table.
 */
class ResourceEndToEndTest {
    private final ResourceType counter = ResourceType.defined("counter", ResourceType.NO_DESTRUCTOR);
    private final Map<Integer, Long> counters = new HashMap<>();
    private final List<Integer> destroyed = new ArrayList<>();
    private ComponentInstance instance;
    private Runnable onNext = () -> {};
    private int nextRep = 100;

    private ComponentInstance instantiate() throws IOException {
        Component c;
        try (InputStream in = getClass().getResourceAsStream("/wat/resources.wasm")) {
            c = ComponentParser.parse(in.readAllBytes());
        }
        HostInstance host = HostInstance.builder()
                .resource("counter", counter, (type, rep) -> destroyed.add(rep))
                .function("[constructor]counter", ComponentFunction.of(
                        new FuncType(List.of(new Field("start", Primitive.U32)), new OwnType(counter)), args -> {
                            int rep = nextRep++;
                            counters.put(rep, (Long) args[0]);
                            return rep;
                        }))
                .function("[method]counter.next", ComponentFunction.of(
                        new FuncType(List.of(new Field("self", new BorrowType(counter))), Primitive.U32), args -> {
                            onNext.run();
                            return counters.merge((Integer) args[0], 1L, Long::sum);
                        }))
                .function("consume", ComponentFunction.of(
                        new FuncType(List.of(new Field("c", new OwnType(counter))), Primitive.U32),
                        args -> counters.remove((Integer) args[0])))
                .build();
        instance = new Linker().instance("test:res/host@1.0.0", host).link(c, "resources").instantiate();
        return instance;
    }

    @Test
    void guestCreatesBorrowsAndDropsAHostResource() throws IOException {
        assertEquals(12L, instantiate().call("run"));
        assertEquals(List.of(100), destroyed, "dropping the guest's own handle runs the host destructor");
    }

    @Test
    void guestMovesAHostResourceBackToTheHost() throws IOException {
        assertEquals(5L, instantiate().call("hand-over"));
        assertEquals(List.of(), destroyed, "a moved handle is the host's now, not dropped");
        assertEquals(Map.of(), counters);
    }

    @Test
    void ownHandlesTravelBothWays() throws IOException {
        ComponentInstance i = instantiate();
        int rep = (Integer) i.call("keep");
        assertEquals(7L, counters.get(rep));
        assertEquals(List.of(), destroyed);
        assertEquals(8L, i.call("take", rep));
        assertEquals(List.of(rep), destroyed, "the guest dropped the own handle the host gave it");
    }

    @Test
    void aBorrowLentToTheGuestMustBeDroppedBeforeItReturns() throws IOException {
        ComponentInstance i = instantiate();
        int rep = (Integer) i.call("keep");
        assertEquals(8L, i.call("peek", rep));
        assertEquals(List.of(), destroyed, "dropping a borrow runs no destructor");
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> i.call("peek-leaky", rep));
        assertEquals("canonical ABI trap in `peek-leaky`: 1 borrowed handle(s) not dropped before the call returned", t.getMessage());
        CanonicalAbiTrap after = assertThrows(CanonicalAbiTrap.class, () -> i.call("run"));
        assertEquals("canonical ABI trap in `run`: the instance trapped earlier (in `peek-leaky`) and may not be entered again",
                after.getMessage());
    }

    @Test
    void droppingAHandleTwiceTraps() throws IOException {
        ComponentInstance i = instantiate();
        int rep = (Integer) i.call("keep");
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> i.call("double-drop", rep));
        assertEquals("canonical ABI trap in `[resource-drop]counter`: unknown handle 1", t.getMessage());
        assertEquals(List.of(rep), destroyed);
    }

    @Test
    void guestResourcesLeaveAsRepsAndTheirDestructorRunsInTheGuest() throws IOException {
        ComponentInstance i = instantiate();
        String things = "test:res/things#";
        assertEquals(42, i.call(things + "make-thing", 42L));
        assertEquals(42L, i.call(things + "thing-value", 42), "a borrow of the guest's own resource arrives as its rep");
        i.call(things + "drop-thing", 42);
        assertEquals(1L, i.call(things + "thing-drops"));
        assertEquals(42L, i.call(things + "last-dropped"));
    }

    @Test
    void theHostDropsAGuestResourceItOwns() throws IOException {
        ComponentInstance i = instantiate();
        int rep = (Integer) i.call("test:res/things#make-thing", 9L);
        i.dropResource("test:res/things#thing", rep);
        assertEquals(1L, i.call("test:res/things#thing-drops"));
        assertEquals(9L, i.call("test:res/things#last-dropped"));
    }

    @Test
    void aHostCallbackIntoTheSameInstanceTraps() throws IOException {
        ComponentInstance i = instantiate();
        onNext = () -> i.call("hand-over");
        CanonicalAbiTrap t = assertThrows(CanonicalAbiTrap.class, () -> i.call("run"));
        assertEquals("canonical ABI trap in `hand-over`: the instance is already running an export and may not be re-entered", t.getMessage());
    }
}
