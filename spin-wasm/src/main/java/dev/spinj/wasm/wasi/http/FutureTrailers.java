package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.wasm.io.ByteSource;
import dev.spinj.wasm.wasi.p2.Pollable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A {@code future-trailers}: ready once the rest of the body has arrived (and been skipped),
 * then {@code get} hands out the trailers once.
 */
final class FutureTrailers implements HttpResources.Owner, Pollable {
    private static final int SKIP_CHUNK = 64 * 1024;

    private final ByteSource source;
    /** The trailers ({@code ok(option<fields>)}, held as a {@link Fields} or null) or {@code err(error-code)}, once known. */
    private ResultValue outcome;
    private boolean consumed;

    FutureTrailers(ByteSource source) {
        this.source = source;
    }

    /** Skips what has arrived of the body; true once its end (or failure) is known. Never blocks. */
    @Override
    public boolean ready() {
        while (outcome == null) {
            try {
                ByteBuffer bytes = source.read(SKIP_CHUNK);
                if (bytes == ByteSource.END) {
                    outcome = ResultValue.ok(source.trailers().isEmpty() ? null : Fields.received(source.trailers()));
                } else if (!bytes.hasRemaining()) {
                    return false;
                }
            } catch (IOException e) {
                outcome = ResultValue.err(ErrorCodeException.codeOf(e));
            }
        }
        return true;
    }

    /** Wakes {@code wake} when more of the body (or its end) arrives. */
    @Override
    public void whenReady(Runnable wake) {
        source.whenReadable(wake);
    }

    /**
     * {@code get}: empty while pending; then once the outcome, with trailers as a {@link Fields}
     * for the caller to hand out; afterwards {@code err}.
     */
    Optional<ResultValue> get() {
        if (consumed) {
            return Optional.of(ResultValue.err(null));
        }
        if (!ready()) {
            return Optional.empty();
        }
        consumed = true;
        return Optional.of(ResultValue.ok(outcome));
    }

    @Override
    public void released() {
        if (outcome == null) {
            source.discard();
        }
    }
}
