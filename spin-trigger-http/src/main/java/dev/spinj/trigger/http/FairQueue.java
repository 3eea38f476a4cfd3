package dev.spinj.trigger.http;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Which request runs next: one queue per component, served in turn, with a cap on the workers a
 * single component may hold, so a component whose guests hang or spin cannot take every worker
 * and starve the others. The whole queue is bounded twice, by requests and by the bytes of their
 * bodies, which each waiting request holds in memory. Not thread-safe: {@link WorkerPool} guards it.
 *
 * @param <T> what is queued
 */
final class FairQueue<T> {
    /** What became of an offered item. */
    enum Admission { START, QUEUED, REFUSED }

    private final int workers;
    private final int perComponent;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final Map<String, ArrayDeque<Waiting<T>>> waiting = new HashMap<>();
    /** Components with waiting items, in the order they get their next turn. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int runningTotal;
    private int queued;
    private long queuedBytes;

    private record Waiting<T>(T item, long bytes) {}

    /**
     * @param workers how many items may run at once in all
     * @param perComponent how many of them one component may hold (at most {@code workers})
     * @param maxQueued how many items may wait in all
     * @param maxQueuedBytes how many body bytes the waiting items may hold in all
     */
    FairQueue(int workers, int perComponent, int maxQueued, long maxQueuedBytes) {
        this.workers = workers;
        this.perComponent = Math.min(perComponent, workers);
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Offers an item of a component: it starts now (a worker slot is taken), waits its turn, or is
     * refused because the queue is full by count or by bytes.
     */
    Admission offer(String component, T item, long bodyBytes) {
        ArrayDeque<Waiting<T>> queue = waiting.get(component);
        boolean behindOthers = queue != null && !queue.isEmpty();
        if (!behindOthers && runningTotal < workers && running(component) < perComponent) {
            take(component);
            return Admission.START;
        }
        if (queued >= maxQueued || queuedBytes + bodyBytes > maxQueuedBytes) {
            return Admission.REFUSED;
        }
        waiting.computeIfAbsent(component, c -> new ArrayDeque<>()).add(new Waiting<>(item, bodyBytes));
        if (!behindOthers) {
            turns.add(component);
        }
        queued++;
        queuedBytes += bodyBytes;
        return Admission.QUEUED;
    }

    /** Gives back the worker slot an item of {@code component} held. */
    void release(String component) {
        running.computeIfPresent(component, (c, n) -> n == 1 ? null : n - 1);
        runningTotal--;
    }

    /**
     * The next item to start, its slot taken: the first component in turn that is under its cap,
     * which then goes to the back of the line; null when no slot is free or nothing may start.
     */
    T next() {
        if (runningTotal >= workers) {
            return null;
        }
        for (Iterator<String> it = turns.iterator(); it.hasNext(); ) {
            String component = it.next();
            if (running(component) >= perComponent) {
                continue;
            }
            it.remove();
            ArrayDeque<Waiting<T>> queue = waiting.get(component);
            Waiting<T> first = queue.poll();
            if (queue.isEmpty()) {
                waiting.remove(component);
            } else {
                turns.add(component);
            }
            queued--;
            queuedBytes -= first.bytes();
            take(component);
            return first.item();
        }
        return null;
    }

    /** Drops a waiting item (its client went away); false when it is not waiting (any more). */
    boolean remove(String component, T item) {
        ArrayDeque<Waiting<T>> queue = waiting.get(component);
        if (queue == null) {
            return false;
        }
        for (Iterator<Waiting<T>> it = queue.iterator(); it.hasNext(); ) {
            Waiting<T> w = it.next();
            if (w.item() == item) {
                it.remove();
                queued--;
                queuedBytes -= w.bytes();
                if (queue.isEmpty()) {
                    waiting.remove(component);
                    turns.remove(component);
                }
                return true;
            }
        }
        return false;
    }

    /** Items running or waiting. */
    int pending() {
        return runningTotal + queued;
    }

    int running() {
        return runningTotal;
    }

    private int running(String component) {
        return running.getOrDefault(component, 0);
    }

    private void take(String component) {
        running.merge(component, 1, Integer::sum);
        runningTotal++;
    }
}
