package dev.spinj.wasm.wasi;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.spinj.wasm.WasiInvocation;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WASI contexts of one component: every invocation gets the component's environment and
 * mounts; Spin-executor invocations (no args, no stdin, the component's own log streams) reuse
 * unchanged contexts from a small pool, others get a fresh context that is closed after use.
 */
public final class WasiContexts implements AutoCloseable {
    private static final int MAX_IDLE = 64;

    /** A directory of the component's {@code files}, visible to the guest at {@code guestPath}. */
    public record Mount(String guestPath, Path hostPath) {}

    private final Map<String, String> componentEnv;
    private final List<Mount> mounts;
    private final boolean writableMounts;
    private final ConcurrentLinkedDeque<WasiContext> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    public WasiContexts(Map<String, String> componentEnv, List<Mount> mounts, boolean writableMounts) {
        this.componentEnv = Map.copyOf(componentEnv);
        this.mounts = List.copyOf(mounts);
        this.writableMounts = writableMounts;
    }

    /** A context for one instance; give it back with {@link #release}. */
    public WasiContext acquire(WasiInvocation invocation) {
        if (reusable(invocation)) {
            WasiContext context;
            while ((context = idle.pollFirst()) != null) {
                idleCount.decrementAndGet();
                if (context.reusableFor(invocation.stdout(), invocation.stderr())) {
                    return context;
                }
                context.close();
            }
        }
        return new WasiContext(options(invocation), writableMounts, invocation.stdout(), invocation.stderr());
    }

    /** Keeps the context for the next instance when nothing changed it, else closes it. */
    public void release(WasiContext context, WasiInvocation invocation) {
        boolean keep = reusable(invocation) && context.reusableFor(invocation.stdout(), invocation.stderr());
        if (keep && idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(context);
            return;
        }
        if (keep) {
            idleCount.decrementAndGet();
        }
        context.close();
    }

    private static boolean reusable(WasiInvocation invocation) {
        return invocation.args().isEmpty() && invocation.env().isEmpty() && invocation.stdin().length == 0;
    }

    private WasiOptions options(WasiInvocation invocation) {
        WasiOptions.Builder options = WasiOptions.builder()
                .withArguments(invocation.args())
                .withStdin(new ByteArrayInputStream(invocation.stdin()))
                .withStdout(invocation.stdout())
                .withStderr(invocation.stderr());
        invocation.env().forEach(options::withEnvironment);
        componentEnv.forEach(options::withEnvironment);
        for (Mount mount : mounts) {
            options.withDirectory(mount.guestPath(), mount.hostPath());
        }
        return options.build();
    }

    @Override
    public void close() {
        WasiContext context;
        while ((context = idle.pollFirst()) != null) {
            context.close();
        }
    }
}
