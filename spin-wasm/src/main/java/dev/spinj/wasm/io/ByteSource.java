package dev.spinj.wasm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Bytes that arrive from elsewhere at their own pace: an inbound request body (from Netty), an
 * outbound response body, a socket. The guest side reads it without blocking and waits through
 * {@link #whenReadable}, so one mechanism serves {@code wasi:io/streams} reads, {@code
 * subscribe} pollables and {@code wasi:io/poll}. Reading is what grants the producer more
 * (backpressure): a source buffers a bounded amount ahead of its reader.
 *
 * <p>One reader thread at a time (the instance's); producers call in from any thread.
 */
public interface ByteSource {
    /** {@link #read} returns this at the end of the bytes (after which {@link #trailers} is final). */
    ByteBuffer END = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /**
     * Up to {@code max} bytes available now, without blocking: a non-empty buffer, an empty one
     * when none have arrived yet, or {@link #END}.
     *
     * @throws IOException when the producer failed (the client went away, the upstream reset)
     */
    ByteBuffer read(int max) throws IOException;

    /**
     * Runs {@code wake} once, from any thread, as soon as {@link #read} would return something
     * other than an empty buffer (at once if it already would). A later call replaces an
     * earlier registration that has not run.
     */
    void whenReadable(Runnable wake);

    /** Trailers after {@link #END}; empty when there were none or the end has not come. */
    default List<dev.spinj.wasm.http.Header> trailers() {
        return List.of();
    }

    /** The reader is gone: the producer may stop and drop what it buffered. */
    default void discard() {}
}
