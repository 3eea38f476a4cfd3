package dev.spinj.wasm.wasi.p2;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import java.util.concurrent.TimeUnit;

/**
 * A {@code wasi:io/poll} pollable: ready once {@link System#nanoTime()} reaches {@code readyAt}.
 * Streams that never make the guest wait give pollables that are ready when made; clocks give
 * timers.
 */
record Pollable(long readyAt) {
    static Pollable readyNow() {
        return new Pollable(System.nanoTime());
    }

    /** A timer {@code nanos} from now, saturating instead of overflowing for huge durations. */
    static Pollable after(long nanos) {
        long now = System.nanoTime();
        long at = now + nanos;
        return new Pollable(nanos < 0 || at - now < 0 ? now + Long.MAX_VALUE : at);
    }

    boolean ready() {
        return System.nanoTime() - readyAt >= 0;
    }

    /**
     * Waits until ready. An interrupt (the request's deadline) ends the wait at once as Chicory's
     * interruption, so the guest call unwinds like any interrupted guest code.
     */
    void block() {
        long left;
        while ((left = readyAt - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChicoryInterruptedException("interrupted while blocked on a wasi:io/poll pollable", e);
            }
        }
    }
}
