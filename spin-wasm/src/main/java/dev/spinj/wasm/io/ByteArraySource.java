package dev.spinj.wasm.io;

import java.nio.ByteBuffer;

/**
 * Bytes all there from the start (an invocation's stdin, an in-process request's body): always
 * readable, then the end.
 */
public final class ByteArraySource implements ByteSource {
    private final ByteBuffer bytes;

    public ByteArraySource(byte[] bytes) {
        this.bytes = ByteBuffer.wrap(bytes);
    }

    @Override
    public synchronized ByteBuffer read(int max) {
        if (!bytes.hasRemaining()) {
            return END;
        }
        int n = Math.min(max, bytes.remaining());
        ByteBuffer out = bytes.slice().limit(n);
        bytes.position(bytes.position() + n);
        return out;
    }

    @Override
    public void whenReadable(Runnable wake) {
        wake.run();
    }
}
