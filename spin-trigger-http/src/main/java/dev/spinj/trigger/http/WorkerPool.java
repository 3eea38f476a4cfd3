package dev.spinj.trigger.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads guest code runs on, never Netty's event loop: big stacks (deep guest recursion
 * needs them with Chicory), a fixed size and a bounded queue, so overload is refused rather than
 * queued without end.
 */
public final class WorkerPool {
    private static final long STACK_BYTES = 16L << 20;

    private final ThreadPoolExecutor executor;

    public WorkerPool(int threads, int queueLength) {
        AtomicInteger n = new AtomicInteger();
        ThreadGroup group = new ThreadGroup("spin-workers");
        ThreadFactory factory = r -> {
            Thread t = new Thread(group, r, "spin-worker-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueLength)), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the task on a worker; false when every worker is busy and the queue is full. */
    public boolean trySubmit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Takes no new work and waits for what was accepted to finish. */
    public boolean shutdownAndWait(long timeout, TimeUnit unit) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout, unit);
    }
}
