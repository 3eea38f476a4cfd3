package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.io.ByteSource;
import java.nio.ByteBuffer;

/** Bytes all there from the start (an invocation's stdin): always readable, then the end. */
final class ByteArraySource implements ByteSource {
    private final ByteBuffer bytes;

    ByteArraySource(byte[] bytes) {
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
