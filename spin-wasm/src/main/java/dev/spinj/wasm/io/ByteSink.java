package dev.spinj.wasm.io;

import dev.spinj.wasm.http.Header;
import java.io.IOException;
import java.util.List;

/**
 * Where bytes a guest writes go at the consumer's pace: an inbound request's response (to
 * Netty), an outbound request body, a socket. Mirrors {@code wasi:io/streams} output-stream:
 * the writer asks for a permit ({@link #writable}), writes at most that much, and waits through
 * {@link #whenWritable} when the permit is 0, so a slow consumer slows the guest instead of
 * making the host buffer without bound.
 *
 * <p>One writer thread at a time (the instance's); the consumer calls in from any thread.
 */
public interface ByteSink {
    /**
     * How many bytes {@link #write} accepts now without buffering beyond the sink's bound; 0 when
     * the consumer is behind.
     *
     * @throws IOException when the consumer failed or went away (the stream is closed for good)
     */
    long writable() throws IOException;

    /** Runs {@code wake} once, from any thread, when {@link #writable} may have become positive or failed. */
    void whenWritable(Runnable wake);

    /** Writes {@code bytes} (at most the last {@link #writable} permit). */
    void write(byte[] bytes) throws IOException;

    /** Pushes buffered bytes towards the consumer. */
    default void flush() throws IOException {}

    /** The end of the bytes, with trailers (empty for none). */
    void finish(List<Header> trailers) throws IOException;

    /** The writer gave up without {@link #finish}: the consumer sees a truncated body. */
    void abort();
}
