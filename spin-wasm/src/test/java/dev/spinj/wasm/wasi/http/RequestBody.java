package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import java.nio.ByteBuffer;
import java.util.List;

/** A request body the trigger would stream: given bytes in small chunks, then trailers. */
final class RequestBody implements ByteSource {
    private final ByteBuffer bytes;
    private final List<Header> trailers;
    private final int chunk;
    boolean discarded;

    RequestBody(byte[] bytes, List<Header> trailers, int chunk) {
        this.bytes = ByteBuffer.wrap(bytes);
        this.trailers = trailers;
        this.chunk = chunk;
    }

    static RequestBody empty() {
        return new RequestBody(new byte[0], List.of(), 1);
    }

    @Override
    public ByteBuffer read(int max) {
        if (!bytes.hasRemaining()) {
            return END;
        }
        ByteBuffer out = bytes.slice().limit(Math.min(Math.min(max, chunk), bytes.remaining()));
        bytes.position(bytes.position() + out.remaining());
        return out;
    }

    @Override
    public void whenReadable(Runnable wake) {
        wake.run();
    }

    @Override
    public List<Header> trailers() {
        return bytes.hasRemaining() ? List.of() : trailers;
    }

    @Override
    public void discard() {
        discarded = true;
    }
}
