package dev.spinj.trigger.http;

import dev.spinj.wasm.io.ByteSource;
import java.nio.ByteBuffer;

/** A body that is all there already (an in-process request): read at once, never waited for. */
final class WholeBodySource implements ByteSource {
    private final ByteBuffer rest;

    WholeBodySource(byte[] body) {
        this.rest = ByteBuffer.wrap(body);
    }

    @Override
    public synchronized ByteBuffer read(int max) {
        if (!rest.hasRemaining()) {
            return END;
        }
        int n = Math.min(max, rest.remaining());
        ByteBuffer out = rest.slice().limit(n);
        rest.position(rest.position() + n);
        return out;
    }

    @Override
    public void whenReadable(Runnable wake) {
        wake.run();
    }
}
