package dev.spinj.wasm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how long guest work may run: past the deadline the worker thread is interrupted, which
 * Chicory honours at calls and backward branches, so even {@code loop {}} stops and the worker is
 * free again. The interrupt is aimed at one piece of work only: a deadline that fires after the
 * work finished does nothing, and the flag never leaks into the thread's next task.
 *
 * <p>Work nests (a request to the app itself is served on its caller's thread): the inner work
 * ends by the earlier of both deadlines, and an outer deadline that fired while the inner work
 * ran keeps the thread interrupted, so the outer work stops too.
 */
public final class Deadlines implements AutoCloseable {
    /** When the work running on this thread must end ({@link System#nanoTime()}), for host calls that block. */
    private static final ThreadLocal<Long> CURRENT_END = new ThreadLocal<>();
    private static final Duration AT_LEAST = Duration.ofMillis(1);
    /** The watch of the innermost work running on this thread under a deadline. */
    private static final ThreadLocal<Watch> CURRENT_WATCH = new ThreadLocal<>();

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;

    /** @param timeout how long one piece of work may take; zero or negative for no limit */
    public Deadlines(Duration timeout) {
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "spin-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code work} on this thread under the deadline.
     *
     * @throws DeadlineExceededException when the deadline fired, whatever the work threw then
     */
    public <T> T run(Supplier<T> work) {
        if (timeout.isZero() || timeout.isNegative()) {
            return work.get();
        }
        long end = System.nanoTime() + timeout.toNanos();
        Watch watch = new Watch(Thread.currentThread(), timeout, end, CURRENT_WATCH.get());
        ScheduledFuture<?> alarm = timer.schedule(watch::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        Long outerEnd = CURRENT_END.get();
        CURRENT_END.set(outerEnd == null ? end : Math.min(outerEnd, end));
        CURRENT_WATCH.set(watch);
        try {
            T result = work.get();
            watch.finish();
            throwIfExpired(watch);
            return result;
        } catch (RuntimeException | Error e) {
            watch.finish();
            throwIfExpired(watch);
            throw e;
        } finally {
            CURRENT_END.set(outerEnd);
            CURRENT_WATCH.set(watch.outer);
            alarm.cancel(false);
            Thread.interrupted(); // a late interrupt must not hit this thread's next task
            if (watch.outer != null && watch.outer.expired() != null) {
                Thread.currentThread().interrupt(); // but an outer work whose deadline passed must stop as well
            }
        }
    }

    private static void throwIfExpired(Watch watch) {
        Duration expired = watch.expired();
        if (expired != null) {
            throw new DeadlineExceededException(expired);
        }
    }

    /**
     * How long the work running on this thread has left, so that a host call that blocks (a JDBC
     * query, a socket read) can give up by itself instead of outliving the request; empty when the
     * work has no deadline. Never negative.
     */
    public static Optional<Duration> remaining() {
        Long end = CURRENT_END.get();
        return end == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
    }

    /**
     * What is left of the work's deadline, at most {@code cap} (also the answer without a
     * deadline) and at least a millisecond: socket and client timeouts read zero as "forever".
     */
    public static Duration remainingAtMost(Duration cap) {
        Duration left = remaining().orElse(cap);
        Duration bounded = left.compareTo(cap) > 0 ? cap : left;
        return bounded.compareTo(AT_LEAST) < 0 ? AT_LEAST : bounded;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Interrupts its thread at most once, and only while the work is still running. */
    private static final class Watch {
        private final Thread worker;
        private final Duration timeout;
        /** When the work must end ({@link System#nanoTime()}). */
        private final long end;
        /** The watch of the work this work runs inside, or null. */
        private final Watch outer;
        private boolean done;
        private boolean fired;

        Watch(Thread worker, Duration timeout, long end, Watch outer) {
            this.worker = worker;
            this.timeout = timeout;
            this.end = end;
            this.outer = outer;
        }

        synchronized void fire() {
            if (!done) {
                fired = true;
                worker.interrupt();
            }
        }

        /** Marks the work done: a deadline firing later leaves the thread alone. */
        synchronized void finish() {
            done = true;
        }

        /**
         * The timeout of this work's or an enclosing work's deadline that fired or has passed, or
         * null. Passed counts too: host calls give up by themselves at the deadline ({@link
         * #remaining()}), so under load a guest may return before the timer thread fires, and
         * work that ends after its deadline must fail the same way whichever came first.
         */
        Duration expired() {
            long now = System.nanoTime();
            for (Watch w = this; w != null; w = w.outer) {
                synchronized (w) {
                    if (w.fired || now - w.end >= 0) {
                        return w.timeout;
                    }
                }
            }
            return null;
        }
    }
}
