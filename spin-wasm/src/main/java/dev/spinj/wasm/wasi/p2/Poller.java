package dev.spinj.wasm.wasi.p2;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How the instance thread waits on pollables ({@code poll}, {@code pollable.block} and the
 * {@code blocking-*} stream calls): it sleeps until the nearest timer or the first wake from an
 * event source, then looks again, so it never spins. An interrupt (the request's deadline) ends
 * the wait at once as Chicory's interruption, so the guest call unwinds like interrupted guest
 * code.
 */
final class Poller {
    private Poller() {}

    /** Waits until {@code pollable} is ready. */
    static void block(Pollable pollable, String waitingIn) {
        poll(List.of(pollable), waitingIn);
    }

    /**
     * Waits until at least one of {@code pollables} is ready; the indexes of the ready ones. The
     * WIT forbids an empty list (nothing could ever become ready), so that traps.
     */
    static List<Long> poll(List<Pollable> pollables, String waitingIn) {
        if (pollables.isEmpty()) {
            throw new TrapException(waitingIn + ": the list of pollables is empty");
        }
        Semaphore wake = new Semaphore(0);
        while (true) {
            List<Long> ready = readyIndexes(pollables);
            if (!ready.isEmpty()) {
                return ready;
            }
            for (Pollable p : pollables) {
                p.whenReady(wake::release);
            }
            await(wake, nearestDeadline(pollables), waitingIn);
        }
    }

    private static List<Long> readyIndexes(List<Pollable> pollables) {
        List<Long> ready = new ArrayList<>();
        for (int i = 0; i < pollables.size(); i++) {
            if (pollables.get(i).ready()) {
                ready.add((long) i);
            }
        }
        return ready;
    }

    private static OptionalLong nearestDeadline(List<Pollable> pollables) {
        OptionalLong nearest = OptionalLong.empty();
        for (Pollable p : pollables) {
            OptionalLong at = p.readyAtNanos();
            if (at.isPresent() && (nearest.isEmpty() || at.getAsLong() - nearest.getAsLong() < 0)) {
                nearest = at;
            }
        }
        return nearest;
    }

    /** Sleeps until a wake or {@code deadline}; wakes that came in meanwhile are used up. */
    private static void await(Semaphore wake, OptionalLong deadline, String waitingIn) {
        try {
            if (deadline.isPresent()) {
                wake.tryAcquire(Math.max(0, deadline.getAsLong() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } else {
                wake.acquire();
            }
            wake.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChicoryInterruptedException("interrupted while blocked in " + waitingIn, e);
        }
    }
}
