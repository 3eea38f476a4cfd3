package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trigger JVM's heap is bounded by what the app's guests can hold at once; the user's choice wins. */
class TriggerJvmTest {
    private static final Path HELLO = Path.of("../examples/hello-c/hello.wasm").toAbsolutePath().normalize();
    private static final Path BOUNDED = Path.of("src/test/resources/guests/bounded-memory.wasm").toAbsolutePath();

    private static LockedApp app(Path... guests) {
        List<LockedComponent> components = new java.util.ArrayList<>();
        for (int i = 0; i < guests.length; i++) {
            var source = new LockedComponentSource(LockedComponentSource.WASM, ContentRef.ofPath(guests[i]));
            components.add(new LockedComponent("c" + i, Map.of(), source, Map.of(), List.of(), Map.of()));
        }
        return new LockedApp(1, Map.of(), Map.of(), List.of(), components);
    }

    private static long maxHeapMiB(LockedApp app, List<String> args, Map<String, String> env) {
        List<String> options = TriggerJvm.heapOptions(app, args, env, List.of());
        String xmx = options.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElseThrow();
        return Long.parseLong(xmx.substring("-Xmx".length(), xmx.length() - 1));
    }

    @Test
    void eachWorkerMayHoldAnInstanceGrownToMaxInstanceMemory() {
        LockedApp hello = app(HELLO);
        long fourWorkers = maxHeapMiB(hello, List.of("--max-concurrency", "4", "--max-instance-memory", "64MiB"), Map.of());
        long eightWorkers = maxHeapMiB(hello, List.of("--max-concurrency=8", "--max-instance-memory=64MiB"), Map.of());

        assertEquals(4 * 64, eightWorkers - fourWorkers);
    }

    @Test
    void spinMaxInstanceMemoryInTheEnvironmentSizesTheHeapWhenNoFlagIsGiven() {
        LockedApp hello = app(HELLO);
        long small = maxHeapMiB(hello, List.of("--max-concurrency", "4"), Map.of("SPIN_MAX_INSTANCE_MEMORY", "16MiB"));
        long large = maxHeapMiB(hello, List.of("--max-concurrency", "4"), Map.of("SPIN_MAX_INSTANCE_MEMORY", "32MiB"));

        assertEquals(4 * 16, large - small);
    }

    @Test
    void aGuestDeclaringASmallerMaximumMemoryBoundsItsInstancesByIt() {
        LockedApp bounded = app(BOUNDED);
        long fourWorkers = maxHeapMiB(bounded, List.of("--max-concurrency", "4"), Map.of());
        long twelveWorkers = maxHeapMiB(bounded, List.of("--max-concurrency", "12"), Map.of());

        assertEquals(2, twelveWorkers - fourWorkers); // 8 more instances of at most 256 KiB
    }

    @Test
    void theHeapStartsSmallWithTheSerialCollector() {
        List<String> options = TriggerJvm.heapOptions(app(HELLO), List.of(), Map.of(), List.of());

        assertTrue(options.contains("-Xms32m"), options.toString());
        assertTrue(options.contains("-XX:+UseSerialGC"), options.toString());
    }

    @Test
    void heapAndCollectorGivenToSpinUpsJvmAreKept() {
        List<String> options = TriggerJvm.heapOptions(app(HELLO), List.of(), Map.of(), List.of("-Xmx700m", "-XX:+UseG1GC"));

        assertEquals(List.of(), options);
    }
}
