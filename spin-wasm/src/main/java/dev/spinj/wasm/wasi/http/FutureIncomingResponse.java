package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.ResultValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code future-incoming-response}: completes with an {@link IncomingResponse} or an {@code
 * error-code}; {@code get} hands the outcome out once.
 */
final class FutureIncomingResponse implements HttpResources.Owner {
    private final CompletableFuture<Object> outcome;
    private final Runnable cancel;
    private boolean consumed;

    /**
     * @param outcome completes with an {@link IncomingResponse} or an error-code
     * @param cancel stops the exchange when the guest drops the future before taking the response
     */
    FutureIncomingResponse(CompletableFuture<Object> outcome, Runnable cancel) {
        this.outcome = outcome;
        this.cancel = cancel;
    }

    CompletableFuture<Object> outcome() {
        return outcome;
    }

    /**
     * {@code get}: empty while pending; then once {@code ok(response)} (an {@link IncomingResponse}
     * for the caller to hand out) or {@code err(error-code)}; afterwards {@code err}.
     */
    Optional<ResultValue> get() {
        if (consumed) {
            return Optional.of(ResultValue.err(null));
        }
        if (!outcome.isDone()) {
            return Optional.empty();
        }
        consumed = true;
        Object value = outcome.join();
        return Optional.of(ResultValue.ok(value instanceof IncomingResponse r ? ResultValue.ok(r) : ResultValue.err(value)));
    }

    @Override
    public void released() {
        if (!consumed) {
            cancel.run();
            outcome.thenAccept(value -> {
                if (value instanceof IncomingResponse response) {
                    response.released();
                }
            });
        }
    }
}
