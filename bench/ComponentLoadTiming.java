import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.binary.CoreModule;
import dev.spinj.cm.binary.Definition;
import dev.spinj.cm.binary.Import;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.LinkException;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.TypeBound;
import dev.spinj.wasm.CompiledCoreModules;
import dev.spinj.wasm.WasmEngine;
import dev.spinj.wasm.wasi.p2.WasiP2Host;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What loading one component costs spinj, phase by phase, in one JVM: parse (spin-component-model's
 * ComponentParser), link + compile every core module (Linker with spin-wasm's
 * CompiledCoreModules, i.e. WasmEngine and its compile cache in CACHE_DIR), and fresh instances.
 * Run it twice with the same CACHE_DIR for cold and warm compile numbers.
 *
 *   java -cp spin-cli/target/spin.jar bench/ComponentLoadTiming.java <component.wasm> <CACHE_DIR>
 *
 * Linking first uses only the host spinj has (WASI 0.2: io, clocks, random, cli, filesystem,
 * sockets) and prints the linker's message for what it lacks; it then links again with every
 * other import stubbed by a host instance of the import's own type whose functions fail when
 * called, so the component's own structure (core modules, aliases, canon lift/lower, nested
 * components) is checked and its core modules compiled. Instantiating calls no import, so the
 * stubs suffice for that too.
 * Prints key=value lines.
 */
public final class ComponentLoadTiming {
    private static final long MAX_INSTANCE_MEMORY = 256L << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of(args[0]));
        Path cacheDir = Path.of(args[1]);
        System.out.println("component_bytes=" + wasm.length);

        long[] start = now();
        Component component = ComponentParser.parse(wasm);
        System.out.println("parse_wall_cpu_ms=" + since(start));
        System.out.println("imports=" + component.imports().stream().map(i -> i.name().name()).toList());

        start = now();
        List<String> coreModules = new ArrayList<>();
        coreModules(component, coreModules);
        System.out.println("chicory_parse_core_modules_wall_cpu_ms=" + since(start));
        System.out.println("core_modules=" + coreModules);

        try {
            wasiHost(new Linker()).link(component, "measured");
            System.out.println("link_with_wasi_p2_host=ok");
        } catch (LinkException e) {
            System.out.println("link_with_wasi_p2_host=" + e.getMessage());
        }

        Linker linker = new Linker().coreModules(new CompiledCoreModules(new WasmEngine(MAX_INSTANCE_MEMORY, cacheDir)));
        for (Import imp : component.imports()) {
            if (imp.type() instanceof InstanceType type) {
                linker.instance(imp.name().name(), failingStub(imp.name().name(), type));
            }
        }
        wasiHost(linker); // the real WASI 0.2 interfaces replace their stubs
        start = now();
        LinkedComponent linked = linker.link(component, "measured");
        System.out.println("link_and_compile_wall_cpu_ms=" + since(start));

        start = now();
        ComponentInstance first = linked.instantiate();
        System.out.println("first_instance_wall_cpu_ms=" + since(start));
        System.out.println("exports=" + first.exports().keySet());
        for (int i = 0; i < 200; i++) {
            linked.instantiate(); // JIT warm-up of the instantiation path
        }
        long[] cpuMicros = new long[21];
        for (int i = 0; i < cpuMicros.length; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            linked.instantiate();
            cpuMicros[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1000;
        }
        Arrays.sort(cpuMicros);
        System.out.println("instance_median_cpu_us=" + cpuMicros[cpuMicros.length / 2]);
    }

    /** Parses every core module (nested components' too) with Chicory, as the linker does, for that phase's share. */
    private static void coreModules(Component component, List<String> found) {
        for (Definition d : component.definitions()) {
            if (d instanceof CoreModule m) {
                WasmModule module = Parser.parse(m.stream());
                found.add(m.length() + " bytes/" + module.functionSection().functionCount() + " functions");
            } else if (d instanceof Component nested) {
                coreModules(nested, found);
            }
        }
    }

    private static Linker wasiHost(Linker linker) {
        return new WasiP2Host(WasiP2Host.Config.of(Map.of())).addTo(linker);
    }

    /** A host instance of exactly {@code type}: its resources have no-op destructors, its functions throw. */
    private static HostInstance failingStub(String name, InstanceType type) {
        HostInstance.Builder stub = HostInstance.implementing(type);
        type.exports().forEach((export, t) -> {
            if (t instanceof FuncType) {
                stub.function(export, callArgs -> {
                    throw new UnsupportedOperationException("stub for " + name + "#" + export + " called");
                });
            } else if (t instanceof TypeBound b && b.type() instanceof ResourceType) {
                stub.resource(export, (resource, rep) -> {});
            }
        });
        return stub.build();
    }

    /**
     * "wall/cpu" milliseconds since {@code start}: on a shared 2-core machine the wall time
     * swings with other load, this thread's CPU time much less.
     */
    private static String since(long[] start) {
        return String.format("%.0f/%.0f", (System.nanoTime() - start[0]) / 1e6, (THREADS.getCurrentThreadCpuTime() - start[1]) / 1e6);
    }

    private static long[] now() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }
}
