package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.CoreModuleEngine;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.LinkException;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.wasm.memory.ImageMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component's core modules on the engine: compiled (through the compile cache), memory from
 * their image, and the same results as Chicory's interpreter. The fixture is spin-component-model's
 * data.wat (shim, main with 4 pages of memory, fixups; strings and byte lists both ways).
 */
class CompiledCoreModulesTest {
    private static final Path DATA = Path.of("../spin-component-model/src/test/resources/wat/data.wasm");
    private static final ListType BYTES = new ListType(Primitive.U8);

    @TempDir
    Path cacheDir;

    private static LinkedComponent link(CoreModuleEngine engine) throws IOException {
        HostInstance host = HostInstance.builder()
                .function("reverse", ComponentFunction.of(new FuncType(List.of(new Field("bytes", BYTES)), BYTES), args -> {
                    byte[] in = (byte[]) args[0];
                    byte[] out = new byte[in.length];
                    for (int i = 0; i < in.length; i++) {
                        out[i] = in[in.length - 1 - i];
                    }
                    return out;
                }))
                .function("shout", ComponentFunction.of(new FuncType(List.of(new Field("s", Primitive.STRING)), Primitive.STRING),
                        args -> ((String) args[0]).toUpperCase(Locale.ROOT)))
                .build();
        Component data = ComponentParser.parse(Files.readAllBytes(DATA));
        return new Linker().coreModules(engine).instance("test:data/host@0.1.0", host).link(data, "data");
    }

    /** {@code engine}, keeping every core instance it builds. */
    private static CoreModuleEngine recording(CoreModuleEngine engine, List<Instance> built) {
        return (module, what) -> {
            CoreModuleEngine.Prepared prepared = engine.prepare(module, what);
            return new CoreModuleEngine.Prepared(prepared.module(), builder -> {
                Instance instance = prepared.build().apply(builder);
                built.add(instance);
                return instance;
            });
        };
    }

    /** The same calls on a fresh instance; what each returned. */
    private static List<Object> calls(LinkedComponent linked) {
        ComponentInstance i = linked.instantiate();
        byte[] payload = new byte[64 * 1024];
        new Random(7).nextBytes(payload);
        List<Object> results = new ArrayList<>();
        results.add(toList((byte[]) i.call("echo-bytes", (Object) payload)));
        results.add(toList((byte[]) i.call("echo-bytes", (Object) new byte[0])));
        results.add(i.call("shout16", "grüße 😀 ok"));
        results.add(i.call("allocs"));
        return results;
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    @Test
    void coreModulesRunCompiledWithImageMemoryAndAgreeWithTheInterpreter() throws IOException {
        List<Instance> interpreted = new ArrayList<>();
        List<Object> expected = calls(link(recording(CoreModuleEngine.INTERPRETER, interpreted)));

        List<Instance> compiled = new ArrayList<>();
        LinkedComponent linked = link(recording(new CompiledCoreModules(new WasmEngine(256L << 20, cacheDir)), compiled));
        assertEquals(expected, calls(linked));
        assertEquals("GRÜSSE 😀 OK", expected.get(2));

        assertEquals(3, compiled.size(), "shim, main, fixups");
        assertTrue(interpreted.stream().allMatch(i -> i.getMachine() instanceof InterpreterMachine));
        assertTrue(compiled.stream().noneMatch(i -> i.getMachine() instanceof InterpreterMachine), "no core instance is interpreted");
        List<Instance> withMemory = compiled.stream().filter(i -> i.module().memorySection().isPresent()).toList();
        assertEquals(1, withMemory.size());
        assertInstanceOf(ImageMemory.class, withMemory.get(0).memory());
        assertFalse(interpreted.stream().anyMatch(i -> i.memory() instanceof ImageMemory));
        try (Stream<Path> files = Files.walk(cacheDir)) {
            assertEquals(3, files.filter(f -> f.toString().endsWith(".jar")).count(), "one compiled jar per core module in the compile cache");
        }
    }

    @Test
    void linkingTheComponentAgainReusesTheCompiledModules() throws IOException {
        List<Instance> built = new ArrayList<>();
        CoreModuleEngine engine = recording(new CompiledCoreModules(new WasmEngine(256L << 20, null)), built);
        List<Object> first = calls(link(engine));
        List<Instance> firstLink = List.copyOf(built);
        // a fresh parse of the same core modules: a compiled machine serves only the module object it was compiled from
        assertEquals(first, calls(link(engine)));

        assertEquals(6, built.size());
        for (int i = 0; i < 3; i++) {
            assertSame(firstLink.get(i).module(), built.get(3 + i).module(), "the compiled module is reused");
        }
    }

    @Test
    void aCoreModuleAboveTheInstanceMemoryCapFailsLinkingNamingTheComponent() {
        // data.wat's main module declares 4 pages; the cap is 2
        LinkException e = assertThrows(LinkException.class,
                () -> link(new CompiledCoreModules(new WasmEngine(2L << 16, null))));
        assertTrue(e.getMessage().startsWith("component `data`: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("declares an initial memory of 4 pages (256 KiB), above the per-instance limit of 2 pages"
                + " (128 KiB, --max-instance-memory)"), e.getMessage());
    }
}
