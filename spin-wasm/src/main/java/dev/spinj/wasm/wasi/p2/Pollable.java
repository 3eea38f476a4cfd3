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

    /**
     * A timer {@code nanos} (a u64) from now. Readiness compares differences, so only a duration
     * of 2^63 ns or more (a negative long here) needs care: it saturates to about 292 years.
     */
    static Pollable after(long nanos) {
        return new Pollable(System.nanoTime() + (nanos < 0 ? Long.MAX_VALUE : nanos));
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
