package dev.spinj.trigger.redis;

/** The trigger could not reach one of its Redis servers at startup; the message names it. */
public final class RedisConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    RedisConnectException(String address, Throwable cause) {
        super("Redis trigger failed to connect to " + address, cause);
    }
}
