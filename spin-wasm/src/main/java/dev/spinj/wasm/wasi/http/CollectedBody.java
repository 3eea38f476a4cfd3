package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The request body of an in-process request (to the app itself or a chained component): the
 * trigger's loopback takes whole bodies, so the bytes are collected, up to the response limit,
 * and the request is served when the guest finishes the body.
 */
final class CollectedBody implements ByteSink {
    private final long limit;
    private final Consumer<byte[]> finished;
    private final Runnable aborted;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /**
     * @param finished serves the request with the whole body (on the guest's thread)
     * @param aborted fails the request: the guest dropped the body unfinished
     */
    CollectedBody(long limit, Consumer<byte[]> finished, Runnable aborted) {
        this.limit = limit;
        this.finished = finished;
        this.aborted = aborted;
    }

    @Override
    public long writable() {
        return Math.min(OutgoingBody.WRITE_PERMIT, Math.max(1, limit - bytes.size()));
    }

    @Override
    public void whenWritable(Runnable wake) {
        wake.run();
    }

    @Override
    public void write(byte[] chunk) throws IOException {
        if (bytes.size() + (long) chunk.length > limit) {
            throw new ErrorCodeException(ErrorCodes.bodySize(true, bytes.size() + (long) chunk.length),
                    "a request to the app itself may carry at most " + limit + " bytes");
        }
        bytes.write(chunk);
    }

    @Override
    public void finish(List<Header> trailers) {
        finished.accept(bytes.toByteArray());
    }

    @Override
    public void abort() {
        aborted.run();
    }
}
