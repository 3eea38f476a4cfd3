package dev.spinj.wasm;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells the user a compilation they are waiting on is still going, as Spin's "this is taking a
 * while" does, and better: a first line after {@code quietMillis} naming the module, its size
 * and whether the result will be cached, then one line every {@code everyMillis} with the time
 * so far, and a last line with the total. Quick compilations (or cache hits) print nothing.
 */
final class CompileProgress implements AutoCloseable {
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spinj-compile-progress");
        t.setDaemon(true);
        return t;
    });

    private final String what;
    private final Consumer<String> out;
    private final long started = System.nanoTime();
    private final ScheduledFuture<?> ticks;
    private volatile boolean announced;

    /**
     * @param what the module, e.g. {@code target/app.wasm}
     * @param detail what makes it slow, e.g. {@code 12.3 MB, 14,210 functions}
     * @param cached where the result is kept for the next start, or null when there is no cache
     */
    CompileProgress(String what, String detail, String cached, Consumer<String> out, long quietMillis, long everyMillis) {
        this.what = what;
        this.out = out;
        this.ticks = TICKER.scheduleAtFixedRate(() -> {
            if (!announced) {
                announced = true;
                out.accept("Compiling " + what + " (" + detail + ") to JVM bytecode is taking a while; "
                        + (cached == null ? "it is not cached (no compile cache), so every start pays this"
                                : "the result is cached in " + cached + " so the next start skips this"));
            } else {
                out.accept("Still compiling " + what + ": " + seconds() + " so far");
            }
        }, quietMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    private String seconds() {
        return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }

    @Override
    public void close() {
        ticks.cancel(false);
        if (announced) {
            out.accept("Compiled " + what + " in " + seconds());
        }
    }
}
