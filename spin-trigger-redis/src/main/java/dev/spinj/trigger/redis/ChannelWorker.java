package dev.spinj.trigger.redis;

import dev.spinj.wasm.DeadlineExceededException;
import dev.spinj.wasm.GuestTrapException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that runs one channel's messages, one at a time in arrival order, off Lettuce's
 * event loop and on a big stack (Chicory's compiled guests recurse deeply). A failed message is
 * logged with the component id and the next one runs.
 *
 * <p>At most {@code maxQueued} messages wait behind the running one. A message arriving at a full
 * queue is dropped (and counted in the log): blocking Lettuce's event loop instead would stall
 * every channel of the server, and the server itself disconnects a subscriber that lags too far
 * behind, so the drop keeps the subscription alive and the memory bounded; pub/sub has no
 * redelivery either way.
 */
final class ChannelWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
    private static final long STACK_BYTES = 16L << 20;

    private final String address;
    private final String channel;
    private final RedisMessageExecutor executor;
    private final DroppedMessages dropped;
    private final ThreadPoolExecutor thread;

    ChannelWorker(String address, String channel, RedisMessageExecutor executor, int maxQueued) {
        this.address = address;
        this.channel = channel;
        this.executor = executor;
        this.dropped = new DroppedMessages(address, channel, maxQueued);
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(maxQueued), r -> {
            Thread t = new Thread(null, r, "redis-" + channel, STACK_BYTES);
            t.setDaemon(true);
            return t;
        }, (task, pool) -> refused(pool));
    }

    String channel() {
        return channel;
    }

    String componentId() {
        return executor.componentId();
    }

    /** Queues a message, or drops it when the queue is full; returns at once (called on Lettuce's event loop). */
    void submit(byte[] payload) {
        thread.execute(() -> run(payload));
    }

    private void refused(ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            LOG.debug("Dropped a message on {} channel {}: the trigger is stopping", address, channel);
        } else {
            dropped.add();
        }
    }

    /** Runs one message; a failure is logged in Spin's words ({@code Component <id> handler failed: …}) with where the message came from. */
    private void run(byte[] payload) {
        try {
            if (!executor.execute(payload)) {
                logFailure(": Redis handler returned an error");
            }
        } catch (DeadlineExceededException e) {
            logFailure(" " + e.getMessage());
        } catch (GuestTrapException e) {
            logFailure(": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Component {} handler failed: a message on {} channel {}", executor.componentId(), address, channel, e);
        } finally {
            dropped.reportIfDue();
        }
    }

    private void logFailure(String why) {
        LOG.error("Component {} handler failed: a message on {} channel {}{}", executor.componentId(), address, channel, why);
    }

    /**
     * Takes no new messages and lets the queued ones run for up to {@code timeout}; past that, drops
     * those not started (saying how many) and interrupts the running guest.
     */
    void drain(long timeout, TimeUnit unit) throws InterruptedException {
        thread.shutdown();
        if (thread.awaitTermination(timeout, unit)) {
            dropped.flush();
        } else {
            stopNow();
        }
    }

    /** Takes no new messages, drops those not started (saying how many) and interrupts the running guest. */
    void stopNow() {
        int unstarted = thread.shutdownNow().size();
        if (unstarted > 0) {
            LOG.warn("Dropped {} queued messages on {} channel {}: the trigger is stopping", unstarted, address, channel);
        }
        dropped.flush();
    }
}
