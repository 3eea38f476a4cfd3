package dev.spinj.wasm.redis;

import dev.spinj.wasm.Deadlines;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How long a Redis call made for a guest may block: what is left of the guest's deadline
 * ({@link Deadlines#remaining()}), at most a minute. A hung server then costs a request its
 * deadline, not a worker thread for good.
 */
public final class RedisCallTimeout {
    /** Without a deadline: Lettuce's own default command timeout. */
    public static final Duration WITHOUT_DEADLINE = Duration.ofSeconds(60);

    private RedisCallTimeout() {}

    public static Duration current() {
        return Deadlines.remainingAtMost(WITHOUT_DEADLINE);
    }

    /**
     * Waits for a Lettuce command or connection for at most {@link #current()}. The command itself
     * is left alone on timeout: its connection may be shared, and its late reply is discarded.
     *
     * @throws RedisCommandTimeoutException when the wait timed out
     * @throws RedisCommandInterruptedException when the thread was interrupted (the deadline fired)
     * @throws RedisException (or the failure's own unchecked exception) when the command failed
     */
    public static <T> T await(Future<T> future) {
        Duration timeout = current();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RedisCommandTimeoutException("Redis did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new RedisException(e.getCause());
        }
    }
}
