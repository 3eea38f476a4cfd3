package dev.spinj.trigger.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads guest code runs on, never Netty's event loop: big stacks (deep guest recursion
 * needs them with Chicory) and a fixed number of them. Which request gets a free thread is the
 * {@link FairQueue}'s decision (components in turn, each under a cap); a full queue refuses work
 * rather than queueing without end, and work whose client went away never starts.
 */
public final class WorkerPool {
    private static final long STACK_BYTES = 16L << 20;

    private final ThreadPoolExecutor threads;
    private final FairQueue<Job> queue;
    private boolean shuttingDown;

    /**
     * @param threads workers in all
     * @param perComponent workers one component may hold at once
     * @param queueLength requests that may wait for a worker
     * @param maxQueuedBodyBytes body bytes the waiting requests may hold in all
     */
    public WorkerPool(int threads, int perComponent, int queueLength, long maxQueuedBodyBytes) {
        AtomicInteger n = new AtomicInteger();
        ThreadGroup group = new ThreadGroup("spin-workers");
        ThreadFactory factory = r -> {
            Thread t = new Thread(group, r, "spin-worker-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
        // Never more tasks handed over than threads: the fair queue holds the waiting ones.
        this.threads = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        this.queue = new FairQueue<>(threads, perComponent, Math.max(1, queueLength), maxQueuedBodyBytes);
    }

    /**
     * Runs {@code work} for a component on a worker, now or when its turn comes; null when it is
     * refused (the queue is full by count or by body bytes, or the pool is shutting down).
     *
     * @param bodyBytes the size of the request body the work holds while it waits
     */
    Job submit(String component, long bodyBytes, Runnable work) {
        Job job = new Job(this, component, work);
        FairQueue.Admission admission;
        synchronized (this) {
            admission = shuttingDown ? FairQueue.Admission.REFUSED : queue.offer(component, job, bodyBytes);
        }
        return switch (admission) {
            case START -> start(job) ? job : null;
            case QUEUED -> job;
            case REFUSED -> null;
        };
    }

    /** Requests running or waiting. */
    synchronized int pending() {
        return queue.pending();
    }

    /** Requests running. */
    synchronized int running() {
        return queue.running();
    }

    /** Takes no new work and waits for what was accepted, running or waiting, to finish. */
    public boolean shutdownAndWait(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            shuttingDown = true;
            for (long left = end - System.nanoTime(); queue.pending() > 0 && left > 0; left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        threads.shutdown();
        return threads.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void finished(Job job) {
        Job next;
        synchronized (this) {
            queue.release(job.component);
            next = queue.next();
            notifyAll();
        }
        if (next != null) {
            start(next);
        }
    }

    /** Hands a job whose slot is taken to a thread; false once the threads are shut down (then it never runs). */
    private boolean start(Job job) {
        try {
            threads.execute(job::run);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private synchronized void dropWaiting(Job job) {
        if (queue.remove(job.component, job)) {
            notifyAll();
        }
    }

    /** One request's work, waiting or running; cancel it when its client goes away. */
    static final class Job {
        private final WorkerPool pool;
        private final String component;
        private final Runnable work;
        private Thread runner;
        private boolean cancelled;
        private boolean done;

        private Job(WorkerPool pool, String component, Runnable work) {
            this.pool = pool;
            this.component = component;
            this.work = work;
        }

        /**
         * The client went away: waiting work never starts and frees its place in the queue;
         * running work is interrupted (as a deadline would), so the guest stops at its next call
         * or branch and the worker is free again.
         */
        void cancel() {
            synchronized (this) {
                if (cancelled || done) {
                    return;
                }
                cancelled = true;
                if (runner != null) {
                    runner.interrupt();
                }
            }
            pool.dropWaiting(this);
        }

        /** Whether it ran or was dropped: nothing left to cancel. */
        synchronized boolean finished() {
            return done || cancelled;
        }

        private void run() {
            try {
                if (begin()) {
                    work.run();
                }
            } finally {
                end();
                pool.finished(this);
            }
        }

        private synchronized boolean begin() {
            if (cancelled) {
                return false;
            }
            runner = Thread.currentThread();
            return true;
        }

        private void end() {
            synchronized (this) {
                done = true;
                runner = null;
            }
            Thread.interrupted(); // a cancel that raced the end must not hit this thread's next job
        }
    }
}
