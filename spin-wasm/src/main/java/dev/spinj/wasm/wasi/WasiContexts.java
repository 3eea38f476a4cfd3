package dev.spinj.wasm.wasi;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.spinj.wasm.WasiInvocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WASI contexts of one component, pooled: every invocation gets a context with the
 * component's mounts and environment plus its own arguments, stdin and stdio, and gives it back
 * afterwards; a context a guest changed is closed rather than pooled.
 */
public final class WasiContexts implements AutoCloseable {
    private static final int MAX_IDLE = 64;

    /** A directory of the component's {@code files}, visible to the guest at {@code guestPath}. */
    public record Mount(String guestPath, Path hostPath) {}

    private final Map<String, String> componentEnv;
    private final WasiOptions sharedOptions;
    private final boolean writableMounts;
    private final ConcurrentLinkedDeque<WasiContext> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** @throws IOException when a mounted directory cannot be resolved to its real path */
    public WasiContexts(Map<String, String> componentEnv, List<Mount> mounts, boolean writableMounts) throws IOException {
        this.componentEnv = Map.copyOf(componentEnv);
        this.writableMounts = writableMounts;
        WasiOptions.Builder options = WasiOptions.builder();
        for (Mount mount : mounts) {
            // Chicory's WASI checks only path text; the confined file system keeps symlinks inside the mount
            options.withDirectory(mount.guestPath(), new ConfinedFileSystem(mount.hostPath()).root());
        }
        this.sharedOptions = options.build();
    }

    /** A context answering for {@code invocation}; give it back with {@link #release}. */
    public WasiContext acquire(WasiInvocation invocation) {
        WasiContext context = idle.pollFirst();
        if (context != null) {
            idleCount.decrementAndGet();
        } else {
            context = new WasiContext(sharedOptions, writableMounts, componentEnv);
        }
        context.bind(invocation);
        return context;
    }

    /** Keeps the context for the next instance when nothing changed it, else closes it. */
    public void release(WasiContext context) {
        if (context.reusable() && idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(context);
            return;
        }
        if (context.reusable()) {
            idleCount.decrementAndGet();
        }
        context.close();
    }

    @Override
    public void close() {
        WasiContext context;
        while ((context = idle.pollFirst()) != null) {
            context.close();
        }
    }
}
