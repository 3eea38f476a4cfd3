package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.Primitive;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** e2e.wat through parser, linker and Chicory: host imports called from guest code, lifted exports called from Java. */
class EndToEndTest {
    private static final FuncType LOG = new FuncType(List.of(new Field("msg", Primitive.STRING)), null);
    private static final FuncType ADD = new FuncType(List.of(new Field("a", Primitive.U32), new Field("b", Primitive.U32)), Primitive.U32);

    private final List<String> logged = new ArrayList<>();

    static Component e2e() throws IOException {
        try (InputStream in = EndToEndTest.class.getResourceAsStream("/wat/e2e.wasm")) {
            return ComponentParser.parse(in.readAllBytes());
        }
    }

    private HostInstance host(FuncType logType) {
        return HostInstance.builder()
                .function("log", ComponentFunction.of(logType, args -> {
                    logged.add((String) args[0]);
                    return null;
                }))
                .function("add", ComponentFunction.of(ADD, args -> (Long) args[0] + (Long) args[1]))
                .build();
    }

    @Test
    void guestCallsTheHostAndTheHostCallsTheGuest() throws IOException {
        // the guest imports test:e2e/host@0.2.3; the host implements 0.2.0 of the same track
        LinkedComponent linked = new Linker().instance("test:e2e/host@0.2.0", host(LOG)).link(e2e(), "e2e");
        ComponentInstance instance = linked.instantiate();

        assertEquals("wörld 😀", instance.call("greet", "wörld 😀"));
        assertEquals(List.of("wörld 😀"), logged);
        assertEquals(1L, instance.call("post-count"), "post-return ran once");
        assertEquals(6L, instance.call("sum", 2L, 3L));
        assertEquals(0xffffffffL, instance.call("sum", 0xfffffff0L, 0xeL));
        assertEquals(6L, instance.call("nested-sum", 2L, 3L), "export of a nested component instance");

        ComponentInstance fresh = linked.instantiate();
        assertEquals(0L, fresh.call("post-count"), "each instantiation has its own core instances");
        assertEquals("", fresh.call("greet", ""));
        assertEquals(List.of("wörld 😀", ""), logged);
    }

    @Test
    void anImportNothingProvidesFailsLinkingWithItsName() {
        LinkException e = assertThrows(LinkException.class, () -> new Linker().link(e2e(), "e2e"));
        assertEquals("component `e2e` imports `test:e2e/host@0.2.3`, which nothing provides", e.getMessage());
    }

    @Test
    void anotherTrackDoesNotMatch() {
        LinkException e = assertThrows(LinkException.class,
                () -> new Linker().instance("test:e2e/host@0.3.0", host(LOG)).link(e2e(), "e2e"));
        assertEquals("component `e2e` imports `test:e2e/host@0.2.3`, which nothing provides", e.getMessage());
    }

    @Test
    void aTypeMismatchNamesTheImportAndBothTypes() {
        FuncType logBytes = new FuncType(List.of(new Field("msg", new dev.spinj.cm.types.ListType(Primitive.U8))), null);
        LinkException e = assertThrows(LinkException.class,
                () -> new Linker().instance("test:e2e/host@0.2.0", host(logBytes)).link(e2e(), "e2e"));
        assertEquals("component `e2e` import `test:e2e/host@0.2.3` does not match the host: log: expected func(msg: string),"
                + " found func(msg: list<u8>)", e.getMessage());
    }

    @Test
    void callingAnUnknownExportSaysWhatExists() throws IOException {
        ComponentInstance instance = new Linker().instance("test:e2e/host@0.2.0", host(LOG)).link(e2e(), "e2e").instantiate();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> instance.call("nope"));
        assertEquals("component `e2e` exports no function `nope` (exports: [greet, sum, post-count, nested-sum])", e.getMessage());
    }
}
