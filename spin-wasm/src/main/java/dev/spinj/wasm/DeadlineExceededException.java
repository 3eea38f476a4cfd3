package dev.spinj.wasm;

import java.time.Duration;

/** Guest work ran past its deadline and was interrupted. */
public final class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(Duration timeout) {
        super("exceeded the time limit of " + timeout.toMillis() + " ms and was interrupted");
    }
}
