package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@code wasi:io/poll} pollable stands for: something that becomes ready by itself (a
 * timer, at {@link #readyAtNanos}) or through an event (bytes arriving, a permit freeing, a
 * future completing: {@link #whenReady}). {@code poll} and {@code pollable.block} wait on both
 * without busy-waiting: they sleep until the nearest deadline or the first wake.
 *
 * <p>Other host interfaces (wasi:http's futures and bodies) hand theirs to the guest with {@link
 * WasiStreams#newPollable}.
 */
public interface Pollable {
    /** Whether waiting on this would return at once. Never blocks. */
    boolean ready();

    /**
     * Runs {@code wake} once, from any thread, when {@link #ready} may have become true (at once if
     * it may be already). A spurious wake is fine: the waiter checks {@link #ready} again. A
     * pollable that becomes ready only by time may never call it.
     */
    void whenReady(Runnable wake);

    /** The {@link System#nanoTime()} instant at which this becomes ready by itself; empty for event sources. */
    default OptionalLong readyAtNanos() {
        return OptionalLong.empty();
    }

    /** A pollable that is ready already (a stream that never makes the guest wait). */
    static Pollable readyNow() {
        return new Timer(System.nanoTime());
    }

    /**
     * A timer {@code nanos} (a u64) from now. Readiness compares differences, so only a duration
     * of 2^63 ns or more (a negative long here) needs care: it saturates to about 292 years.
     */
    static Pollable after(long nanos) {
        return new Timer(System.nanoTime() + (nanos < 0 ? Long.MAX_VALUE : nanos));
    }

    /**
     * Ready when {@code sink} grants a permit, or has failed (the next operation on it then
     * reports the failure), as {@code output-stream.subscribe} asks.
     */
    static Pollable writable(ByteSink sink) {
        return new Pollable() {
            @Override
            public boolean ready() {
                try {
                    return sink.writable() > 0;
                } catch (IOException e) {
                    return true;
                }
            }

            @Override
            public void whenReady(Runnable wake) {
                sink.whenWritable(wake);
            }
        };
    }

    /** Ready when {@code future} completes, normally or not (wasi:http's future-* resources). */
    static Pollable completion(CompletableFuture<?> future) {
        return new Pollable() {
            @Override
            public boolean ready() {
                return future.isDone();
            }

            @Override
            public void whenReady(Runnable wake) {
                future.whenComplete((value, failure) -> wake.run());
            }
        };
    }
}
