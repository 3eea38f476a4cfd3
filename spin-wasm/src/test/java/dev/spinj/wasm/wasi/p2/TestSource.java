package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link ByteSource} the test feeds by hand (chunks, the end, a failure) from any thread, and
 * that records whether its reader discarded it.
 */
final class TestSource implements ByteSource {
    private final Deque<ByteBuffer> chunks = new ArrayDeque<>();
    private final WakeSlot wake = new WakeSlot(this, "source");
    private boolean ended;
    private IOException failure;
    private volatile boolean discarded;

    void offer(byte[] bytes) {
        wake.change(() -> chunks.add(ByteBuffer.wrap(bytes)));
    }

    void end() {
        wake.change(() -> ended = true);
    }

    void fail(IOException e) {
        wake.change(() -> failure = e);
    }

    /** Waits until the guest's side waits for bytes. */
    void awaitReader() {
        wake.awaitWaiter();
    }

    boolean discarded() {
        return discarded;
    }

    @Override
    public synchronized ByteBuffer read(int max) throws IOException {
        if (!chunks.isEmpty()) {
            ByteBuffer head = chunks.peek();
            if (head.remaining() <= max) {
                return chunks.poll();
            }
            ByteBuffer part = head.slice().limit(max);
            head.position(head.position() + max);
            return part;
        }
        if (failure != null) {
            throw failure;
        }
        return ended ? END : ByteBuffer.allocate(0);
    }

    @Override
    public void whenReadable(Runnable wake) {
        this.wake.register(() -> !chunks.isEmpty() || ended || failure != null, wake);
    }

    @Override
    public void discard() {
        discarded = true;
    }
}
