package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.cm.abi.CanonicalAbiTrap;
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
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A core module with a component-type section drops handles to host resources through its
 * {@code [resource-drop]R} imports exactly as the component componentNew makes of it does
 * (host-drops.module.wat, built both ways by tools/build-fixtures.sh).
 */
class CoreModuleResourceDropTest {
    private static final String API = "test:drops/api@0.1.0#";

    private final List<Integer> destroyed = new ArrayList<>();

    private Linker linker() {
        ResourceType thing = ResourceType.defined("thing", ResourceType.NO_DESTRUCTOR);
        HostInstance host = HostInstance.builder()
                .resource("thing", thing, (type, rep) -> destroyed.add(rep))
                .function("[constructor]thing", ComponentFunction.of(
                        new FuncType(List.of(new Field("n", Primitive.U32)), new OwnType(thing)), args -> (int) (long) (Long) args[0]))
                .function("[method]thing.value", ComponentFunction.of(
                        new FuncType(List.of(new Field("self", new BorrowType(thing))), Primitive.U32), args -> (long) (Integer) args[0]))
                .build();
        return new Linker().instance("test:drops/host@0.1.0", host);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CoreModuleResourceDropTest.class.getResourceAsStream("/components/" + name)) {
            return in.readAllBytes();
        }
    }

    private List<Function<Linker, ComponentInstance>> bothShapes() throws IOException {
        byte[] core = fixture("host-drops.core.wasm");
        byte[] component = fixture("host-drops.wasm");
        return List.of(l -> l.linkCoreModule(core, "core").instantiate(),
                l -> l.link(ComponentParser.parse(component), "component").instantiate());
    }

    @Test
    void droppingAnOwnHandleRunsTheHostsDestructorInBothShapes() throws IOException {
        for (Function<Linker, ComponentInstance> shape : bothShapes()) {
            destroyed.clear();
            ComponentInstance i = shape.apply(linker());
            assertEquals(42L, i.call(API + "use-and-drop", 42L));
            assertEquals(List.of(42), destroyed);
        }
    }

    @Test
    void anExportTakingAnOwnHandleToTheHostsResourceLinksAndDropsItInBothShapes() throws IOException {
        // the export's interface re-exports the host's resource by name (wasi:http/incoming-handler's shape)
        for (Function<Linker, ComponentInstance> shape : bothShapes()) {
            destroyed.clear();
            ComponentInstance i = shape.apply(linker());
            assertEquals(42L, i.call(API + "consume", 42));
            assertEquals(List.of(42), destroyed);
        }
    }

    @Test
    void droppingAHandleTwiceTrapsInBothShapes() throws IOException {
        for (Function<Linker, ComponentInstance> shape : bothShapes()) {
            ComponentInstance i = shape.apply(linker());
            CanonicalAbiTrap trap = assertThrows(CanonicalAbiTrap.class, () -> i.call(API + "drop-twice", 7L));
            assertTrue(trap.getMessage().contains("[resource-drop]thing"), trap.getMessage());
        }
    }
}
