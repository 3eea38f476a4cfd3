package dev.spinj.wasm.wasi.p2;

import java.util.OptionalLong;

/** A pollable ready once {@link System#nanoTime()} reaches {@code readyAt}. */
record Timer(long readyAt) implements Pollable {
    @Override
    public boolean ready() {
        return System.nanoTime() - readyAt >= 0;
    }

    /** Time alone makes a timer ready: waiters sleep until {@link #readyAtNanos}, so only a due timer wakes. */
    @Override
    public void whenReady(Runnable wake) {
        if (ready()) {
            wake.run();
        }
    }

    @Override
    public OptionalLong readyAtNanos() {
        return OptionalLong.of(readyAt);
    }
}
