package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.io.ByteSource;
import java.nio.ByteBuffer;

/** The body of a response served in-process: all there at once, then the end. */
final class ReplyBody implements ByteSource {
    private final ByteBuffer remaining;

    ReplyBody(byte[] body) {
        this.remaining = ByteBuffer.wrap(body);
    }

    @Override
    public ByteBuffer read(int max) {
        if (!remaining.hasRemaining()) {
            return END;
        }
        ByteBuffer chunk = remaining.slice().limit(Math.min(max, remaining.remaining()));
        remaining.position(remaining.position() + chunk.remaining());
        return chunk;
    }

    @Override
    public void whenReadable(Runnable wake) {
        wake.run();
    }
}
