package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.binary.ComponentTypeSection;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.Primitive;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedder's {@link CoreModuleEngine} sees each core module once at link time and builds every core instance. */
class CoreModuleEngineTest {
    private final List<WasmModule> prepared = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Instance> built = new ArrayList<>();

    private final CoreModuleEngine recording = (module, what) -> {
        prepared.add(module);
        names.add(what);
        return new CoreModuleEngine.Prepared(module, builder -> {
            Instance instance = builder.build();
            built.add(instance);
            return instance;
        });
    };

    @Test
    void eachCoreModuleIsPreparedOnceAtLinkAndBuildsEveryInstance() throws IOException {
        FuncType log = new FuncType(List.of(new Field("msg", Primitive.STRING)), null);
        FuncType add = new FuncType(List.of(new Field("a", Primitive.U32), new Field("b", Primitive.U32)), Primitive.U32);
        HostInstance host = HostInstance.builder()
                .function("log", ComponentFunction.of(log, args -> null))
                .function("add", ComponentFunction.of(add, args -> (Long) args[0] + (Long) args[1]))
                .build();
        LinkedComponent linked = new Linker().coreModules(recording).instance("test:e2e/host@0.2.0", host)
                .link(EndToEndTest.e2e(), "e2e");

        // e2e.wat: shim, main and fixups
        assertEquals(3, prepared.size(), names.toString());
        assertTrue(names.get(0).startsWith("component `e2e`: "), names.get(0));
        assertEquals(List.of(), built, "nothing is instantiated at link time");

        ComponentInstance first = linked.instantiate();
        int perInstance = built.size();
        assertEquals(6L, first.call("nested-sum", 2L, 3L));
        linked.instantiate();
        linked.instantiate();

        assertEquals(3, prepared.size(), "instantiating prepares nothing again");
        assertEquals(3, perInstance, "one core instance per core module");
        assertEquals(3 * perInstance, built.size(), "every core instance comes from the engine's builder");
        for (Instance instance : built) {
            assertTrue(prepared.stream().anyMatch(m -> m == instance.module()), "built from a prepared module");
        }
    }

    @Test
    void aCoreModuleWithComponentTypeIsPreparedOnce() throws IOException {
        byte[] core;
        try (var in = getClass().getResourceAsStream("/embed/embedded.wasm")) {
            core = in.readAllBytes();
        }
        InstanceType declared = (InstanceType) ComponentTypeSection.read(core).get(0).world().imports().get("test:embed/host");
        HostInstance host = HostInstance.implementing(declared)
                .resource("counter", (type, rep) -> {})
                .function("[constructor]counter", args -> 1)
                .function("[method]counter.next", args -> 1L)
                .function("log", args -> null)
                .build();
        LinkedCoreModule linked = new Linker().coreModules(recording).instance("test:embed/host", host)
                .linkCoreModule(core, "guest");
        linked.instantiate();
        linked.instantiate();

        assertEquals(List.of("core module `guest`"), names);
        assertEquals(2, built.size());
        assertSame(prepared.get(0), built.get(1).module());
    }
}
