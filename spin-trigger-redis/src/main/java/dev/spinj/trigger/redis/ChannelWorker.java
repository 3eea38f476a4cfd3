package dev.spinj.trigger.redis;

import dev.spinj.wasm.DeadlineExceededException;
import dev.spinj.wasm.GuestTrapException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that runs one channel's messages, one at a time in arrival order, off Lettuce's
 * event loop and on a big stack (Chicory's compiled guests recurse deeply). A failed message is
 * logged with the component id and the next one runs.
 */
final class ChannelWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
    private static final long STACK_BYTES = 16L << 20;

    private final String address;
    private final String channel;
    private final RedisMessageExecutor executor;
    private final ExecutorService thread;

    ChannelWorker(String address, String channel, RedisMessageExecutor executor) {
        this.address = address;
        this.channel = channel;
        this.executor = executor;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(null, r, "redis-" + channel, STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    String channel() {
        return channel;
    }

    String componentId() {
        return executor.componentId();
    }

    /** Queues a message; returns at once (called on Lettuce's event loop). */
    void submit(byte[] payload) {
        try {
            thread.execute(() -> run(payload));
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped a message on {} channel {}: the trigger is stopping", address, channel);
        }
    }

    private void run(byte[] payload) {
        try {
            if (!executor.execute(payload)) {
                LOG.error("Component {}: handle-message returned an error for a message on {} channel {}",
                        executor.componentId(), address, channel);
            }
        } catch (DeadlineExceededException e) {
            LOG.error("Component {}: a message on {} channel {} {}", executor.componentId(), address, channel, e.getMessage());
        } catch (GuestTrapException e) {
            LOG.error("Component {}: failed to handle a message on {} channel {}: {}",
                    executor.componentId(), address, channel, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Component {}: failed to handle a message on {} channel {}", executor.componentId(), address, channel, e);
        }
    }

    /** Takes no new messages and waits up to {@code timeout} for the queued ones to finish. */
    boolean drain(long timeout, TimeUnit unit) throws InterruptedException {
        shutdown();
        return thread.awaitTermination(timeout, unit);
    }

    /** Takes no new messages; queued ones still run. */
    void shutdown() {
        thread.shutdown();
    }
}
