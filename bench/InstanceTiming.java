import dev.spinj.loader.AppLoader;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.WasmApp;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Fresh-instance cost of one component, instrumented: the time to create a new, isolated
 * instance from the prepared component (memory image, imports, WASI context) and close it, as
 * the HTTP executor does per request. Prints the median microseconds over batches.
 *
 *   java -cp spin-cli/target/spin.jar bench/InstanceTiming.java <spin.toml> <component-id>
 */
public final class InstanceTiming {
    public static void main(String[] args) throws Exception {
        var lock = AppLoader.load(Path.of(args[0]), Files.createTempDirectory("instance-timing"),
                new AppLoader.Options(false, Map.of()));
        ComponentPre component = WasmApp.builder(lock).build().prepare(args[1]);
        OutputStream sink = OutputStream.nullOutputStream();
        WasiInvocation spin = WasiInvocation.spin(sink, sink);
        int batches = 15;
        int perBatch = 2000;
        double[] micros = new double[batches];
        for (int warm = 0; warm < 5 * perBatch; warm++) {
            try (GuestInstance guest = component.instantiate(spin)) {
                guest.initialize();
            }
        }
        for (int b = 0; b < batches; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < perBatch; i++) {
                component.instantiate(spin).close();
            }
            micros[b] = (System.nanoTime() - start) / 1000.0 / perBatch;
        }
        Arrays.sort(micros);
        System.out.printf("%.1f%n", micros[batches / 2]);
    }
}
