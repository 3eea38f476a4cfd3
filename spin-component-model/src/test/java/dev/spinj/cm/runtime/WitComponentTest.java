package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.binary.ComponentTypeSection;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A component made by wit-component itself (jco componentEmbed + componentNew, see
 * embed/embed.mjs): its shim and fixup modules, direct and indirect lowerings, resource.drop of
 * an imported resource, and the export shim component with an ascribed function type.
 */
class WitComponentTest {
    @Test
    void runsAComponentInTheShapeWitComponentEmits() throws IOException {
        List<String> calls = new ArrayList<>();
        ResourceType counter = ResourceType.defined("counter", ResourceType.NO_DESTRUCTOR);
        long[] value = new long[1];
        HostInstance host = HostInstance.builder()
                .resource("counter", counter, (type, rep) -> calls.add("drop " + rep))
                .function("[constructor]counter", ComponentFunction.of(
                        new FuncType(List.of(new Field("start", Primitive.U32)), new OwnType(counter)), args -> {
                            value[0] = (Long) args[0];
                            calls.add("new " + value[0]);
                            return 7;
                        }))
                .function("[method]counter.next", ComponentFunction.of(
                        new FuncType(List.of(new Field("self", new BorrowType(counter))), Primitive.U32), args -> {
                            calls.add("next on " + args[0]);
                            return ++value[0];
                        }))
                .function("log", ComponentFunction.of(new FuncType(List.of(new Field("msg", Primitive.STRING)), null), args -> {
                    calls.add("log " + args[0]);
                    return null;
                }))
                .build();
        byte[] binary;
        try (InputStream in = getClass().getResourceAsStream("/embed/guest-component.wasm")) {
            binary = in.readAllBytes();
        }
        LinkedComponent linked = new Linker().instance("test:embed/host", host).link(ComponentParser.parse(binary), "guest");

        ComponentInstance instance = linked.instantiate();
        assertEquals("Spin ⚡", instance.call("test:embed/api#greet", "Spin ⚡"));
        assertEquals(List.of("log Spin ⚡", "new 40", "next on 7", "next on 7", "drop 7"), calls);
        assertEquals("again", linked.instantiate().call("test:embed/api#greet", "again"));
    }

    @Test
    void hostTypesCanComeFromAComponentTypeSection() throws IOException {
        // the world as wit-bindgen guests carry it: no FuncType spelled out in Java
        InstanceType declared;
        byte[] binary;
        try (InputStream embedded = getClass().getResourceAsStream("/embed/embedded.wasm");
                InputStream component = getClass().getResourceAsStream("/embed/guest-component.wasm")) {
            declared = (InstanceType) ComponentTypeSection.read(embedded.readAllBytes()).get(0).world().imports().get("test:embed/host");
            binary = component.readAllBytes();
        }
        List<String> calls = new ArrayList<>();
        HostInstance host = HostInstance.implementing(declared)
                .resource("counter", (type, rep) -> calls.add("drop " + rep))
                .function("[constructor]counter", args -> 3)
                .function("[method]counter.next", args -> 1L)
                .function("log", args -> {
                    calls.add("log " + args[0]);
                    return null;
                })
                .build();
        ComponentInstance instance = new Linker().instance("test:embed/host", host).link(ComponentParser.parse(binary), "guest").instantiate();
        assertEquals("typed by WIT", instance.call("test:embed/api#greet", "typed by WIT"));
        assertEquals(List.of("log typed by WIT", "drop 3"), calls);
    }
}
