import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.binary.CoreModule;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.CoreModuleEngine;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.CompiledCoreModules;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.WasmEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * spinj's side of bench/component-model: link bench.wasm once, then time instantiate() and
 * calls of echo-string (1 KiB) and echo-bytes (64 KiB) on a warm JVM. Prints one line per
 * measurement: name, median and mean in microseconds over the measured iterations. Core modules
 * run on Chicory's interpreter, or with {@code -Dengine=compiled} on spin-wasm's engine (compiled
 * once, copy-on-write memory images: what the runtime uses).
 *
 *   java [-Dengine=compiled] -cp <spin-wasm classpath> ComponentBench.java bench.wasm
 */
public final class ComponentBench {
    private static final int WARMUP = Integer.getInteger("warmup", 3000);
    private static final int MEASURED = Integer.getInteger("measured", 3000);
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of(args[0]));
        CoreModuleEngine engine = "compiled".equals(System.getProperty("engine"))
                ? new CompiledCoreModules(new WasmEngine(WasmApp.Builder.DEFAULT_MAX_INSTANCE_MEMORY, null))
                : CoreModuleEngine.INTERPRETER;
        long t0 = System.nanoTime();
        Component component = ComponentParser.parse(wasm);
        LinkedComponent linked = new Linker().coreModules(engine).link(component, "bench");
        report("parse + link (once, cold)", new long[] {System.nanoTime() - t0});

        report("instantiate", time(() -> sink = linked.instantiate()));

        // the floor under instantiate: the one core instance bench.wasm contains, alone, on the same engine
        CoreModule core = (CoreModule) component.definitions().stream().filter(d -> d instanceof CoreModule).findFirst().orElseThrow();
        CoreModuleEngine.Prepared prepared = engine.prepare(Parser.parse(core.stream()), "bench core module");
        WasmModule module = prepared.module();
        report("reference: Chicory core instance alone", time(() -> sink = prepared.build().apply(Instance.builder(module).withStart(false))));

        ComponentInstance instance = linked.instantiate();
        report("call noop", time(() -> sink = instance.call("test:bench/api#noop")));

        String kib = "x".repeat(1024);
        report("call echo-string 1 KiB each way", time(() -> {
            if (((String) instance.call("test:bench/api#echo-string", kib)).length() != 1024) {
                throw new AssertionError("echo-string");
            }
        }));

        byte[] bytes = new byte[64 * 1024];
        Arrays.fill(bytes, (byte) 7);
        report("call echo-bytes 64 KiB each way", time(() -> {
            if (((byte[]) instance.call("test:bench/api#echo-bytes", (Object) bytes)).length != bytes.length) {
                throw new AssertionError("echo-bytes");
            }
        }));

        // the floor for "+ copy": two plain copies of 64 KiB (in and out) on this JVM
        byte[] a = new byte[bytes.length];
        byte[] b = new byte[bytes.length];
        report("reference: 2 x arraycopy 64 KiB", time(() -> {
            System.arraycopy(bytes, 0, a, 0, a.length);
            System.arraycopy(a, 0, b, 0, b.length);
            sink = b;
        }));
    }

    private static long[] time(Runnable r) {
        for (int i = 0; i < WARMUP; i++) {
            r.run();
        }
        long[] ns = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long s = System.nanoTime();
            r.run();
            ns[i] = System.nanoTime() - s;
        }
        return ns;
    }

    private static void report(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ns).average().orElse(0) / 1000.0;
        System.out.printf("%-40s median %9.2f us   mean %9.2f us   (n=%d)%n", what, sorted[sorted.length / 2] / 1000.0, mean, ns.length);
    }
}
