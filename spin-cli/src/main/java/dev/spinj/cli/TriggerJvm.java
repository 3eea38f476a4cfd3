package dev.spinj.cli;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.trigger.http.HttpTriggerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Heap and collector of a trigger JVM, fitted to a serverless host. Guest linear memories live on
 * the Java heap, so the heap is bounded by what the app can hold at once: the runtime's own share,
 * every guest's initial memory image (shared by its instances) and one instance per worker grown
 * to its limit ({@code --max-instance-memory}, or the guest's declared maximum when lower). The
 * JVM's default (a quarter of the machine) is both too much on a dense host and unrelated to the
 * app. Big guests add to the runtime's share: their parsed modules and the compiler's working set. The heap starts small and grows only when used; the serial collector suits these small
 * heaps: no concurrent threads or remembered sets to pay for in footprint, young collections of a
 * few megabytes of mostly dead request garbage take about a millisecond, which keeps p99 low.
 * Heap or collector options given to {@code spin up}'s own JVM, or {@code --trigger-jvm-options},
 * replace this choice.
 */
final class TriggerJvm {
    static final long RUNTIME_HEAP = 64L << 20;
    /**
     * Heap per byte of wasm: the parsed module stays, and compiling it (cold start) needs about a
     * hundred times its size to run without thrashing (SQLite's 1.1 MB: 2.7 s in a 256 MiB heap,
     * 9 s in 160 MiB, 22 s in 96 MiB).
     */
    static final long HEAP_PER_WASM_BYTE = 128;
    static final long INITIAL_HEAP = 32L << 20;
    static final long DEFAULT_MAX_INSTANCE_MEMORY = 256L << 20;
    static final String MAX_INSTANCE_MEMORY_ENV = "SPIN_MAX_INSTANCE_MEMORY";

    private TriggerJvm() {}

    /**
     * @param app the locked app, whose local wasm files are read for their memory declarations
     * @param triggerArgs the flags the trigger gets: {@code --max-instance-memory}, {@code --max-concurrency}
     * @param given the JVM options already chosen by the user (inherited from {@code spin up}'s JVM)
     */
    static List<String> heapOptions(LockedApp app, List<String> triggerArgs, Map<String, String> env, List<String> given) {
        boolean heapGiven = given.stream().anyMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeapSize")
                || o.startsWith("-XX:MaxRAM"));
        boolean gcGiven = given.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"));
        List<String> options = new ArrayList<>();
        if (!heapGiven) {
            long maxHeap = maxHeapBytes(app, maxInstanceMemory(triggerArgs, env), workers(triggerArgs));
            options.add("-Xmx" + (maxHeap >> 20) + "m");
            if (given.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize"))) {
                options.add("-Xms" + (Math.min(INITIAL_HEAP, maxHeap) >> 20) + "m");
            }
        }
        if (!gcGiven) {
            options.add("-XX:+UseSerialGC");
        }
        return options;
    }

    static long maxHeapBytes(LockedApp app, long maxInstanceMemory, int workers) {
        long modules = 0;
        long images = 0;
        long largestInstance = 0;
        Set<String> seen = new HashSet<>(); // components sharing a wasm file share its module and image
        for (LockedComponent component : app.components()) {
            if (!seen.add(String.valueOf(component.source().content().source()))) {
                continue;
            }
            GuestMemory memory = guestMemory(component);
            modules += HEAP_PER_WASM_BYTE * memory.fileBytes();
            images += Math.min(maxInstanceMemory, memory.initialBytes()); // above the limit, the trigger refuses it
            largestInstance = Math.max(largestInstance, Math.min(maxInstanceMemory, memory.maxBytes()));
        }
        long bytes = RUNTIME_HEAP + modules + images + workers * largestInstance;
        return (bytes + (1 << 20) - 1) & -(1L << 20);
    }

    private static GuestMemory guestMemory(LockedComponent component) {
        var content = component.source().content();
        if (content.source() == null || !content.source().startsWith("file:")) {
            return GuestMemory.UNKNOWN;
        }
        Path file = content.localPath();
        return GuestMemory.of(file);
    }

    /** As the trigger will read it: the flag, else the environment (SpinKube), else the default. */
    private static long maxInstanceMemory(List<String> args, Map<String, String> env) {
        String flag = flagValue(args, "--max-instance-memory");
        String text = flag != null ? flag : env.get(MAX_INSTANCE_MEMORY_ENV);
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_INSTANCE_MEMORY;
        }
        try {
            return new ByteSizeConverter().convert(text);
        } catch (RuntimeException e) {
            return DEFAULT_MAX_INSTANCE_MEMORY; // the trigger rejects the value with its own message
        }
    }

    private static int workers(List<String> args) {
        String flag = flagValue(args, "--max-concurrency");
        try {
            return flag == null ? HttpTriggerOptions.defaultWorkers() : Math.max(1, Integer.parseInt(flag.trim()));
        } catch (NumberFormatException e) {
            return HttpTriggerOptions.defaultWorkers(); // the trigger rejects the value with its own message
        }
    }

    /** {@code --name value} or {@code --name=value}; the last one wins, as picocli reads it. */
    private static String flagValue(List<String> args, String name) {
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(name) && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (arg.startsWith(name + "=")) {
                value = arg.substring(name.length() + 1);
            }
        }
        return value;
    }
}
