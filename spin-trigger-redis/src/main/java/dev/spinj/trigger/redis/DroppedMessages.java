package dev.spinj.trigger.redis;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the messages one channel turned away because its queue was full, and says so in the log
 * at most once per interval: a flood must not become a flood of log lines. The first drop is
 * reported at once; later ones are summed into the next report.
 */
final class DroppedMessages {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedMessages.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String address;
    private final String channel;
    private final int capacity;
    private long unreported;
    private long lastReport;
    private boolean reportedBefore;

    DroppedMessages(String address, String channel, int capacity) {
        this.address = address;
        this.channel = channel;
        this.capacity = capacity;
    }

    /** One more message dropped; reports if the last report is an interval old. */
    synchronized void add() {
        unreported++;
        reportIfDue();
    }

    /** Reports the drops not yet reported if the last report is an interval old. */
    synchronized void reportIfDue() {
        if (unreported > 0 && (!reportedBefore || System.nanoTime() - lastReport >= INTERVAL_NANOS)) {
            report();
        }
    }

    /** Reports the drops not yet reported, whenever the last report was (the channel is stopping). */
    synchronized void flush() {
        if (unreported > 0) {
            report();
        }
    }

    private void report() {
        LOG.warn("Dropped {} messages on {} channel {}: {} messages were already waiting for the component "
                + "(--max-queued-messages); pub/sub does not redeliver them", unreported, address, channel, capacity);
        unreported = 0;
        lastReport = System.nanoTime();
        reportedBefore = true;
    }
}
