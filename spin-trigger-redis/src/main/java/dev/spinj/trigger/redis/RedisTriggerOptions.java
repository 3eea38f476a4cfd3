package dev.spinj.trigger.redis;

import java.time.Duration;

/**
 * The Redis trigger's limits: how long one message may run before its guest is interrupted (zero
 * for no limit), and how many received messages may wait per channel while its guest is busy.
 */
public record RedisTriggerOptions(Duration messageTimeout, int maxQueuedMessages) {
    public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 1024;

    public static RedisTriggerOptions defaults() {
        return new RedisTriggerOptions(DEFAULT_MESSAGE_TIMEOUT, DEFAULT_MAX_QUEUED_MESSAGES);
    }

    public RedisTriggerOptions withMessageTimeout(Duration timeout) {
        return new RedisTriggerOptions(timeout, maxQueuedMessages);
    }

    public RedisTriggerOptions withMaxQueuedMessages(int max) {
        return new RedisTriggerOptions(messageTimeout, max);
    }
}
