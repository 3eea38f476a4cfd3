package dev.spinj.wasm.wasi.p2;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one wake registration of a test channel, and a way for the test to learn that the guest's
 * side is waiting on it (so a test changes the channel only once the guest blocks, without
 * sleeping). State checks and changes happen under the channel's own lock.
 */
final class WakeSlot {
    private final Object lock;
    private final String channel;
    private final Semaphore waiters = new Semaphore(0);
    private Runnable wake;

    WakeSlot(Object lock, String channel) {
        this.lock = lock;
        this.channel = channel;
    }

    /** Runs {@code wake} now when {@code ready}, else keeps it for the next {@link #change}. */
    void register(BooleanSupplier ready, Runnable wake) {
        synchronized (lock) {
            if (!ready.getAsBoolean()) {
                this.wake = wake;
                waiters.release();
                return;
            }
        }
        wake.run();
    }

    /** Changes the channel's state and wakes whoever waits on it. */
    void change(Runnable change) {
        Runnable toWake;
        synchronized (lock) {
            change.run();
            toWake = wake;
            wake = null;
        }
        if (toWake != null) {
            toWake.run();
        }
    }

    /** Waits until the guest's side registers to be woken: it found nothing to do and waits. */
    void awaitWaiter() {
        try {
            if (!waiters.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new AssertionError("nobody waited on the test " + channel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
