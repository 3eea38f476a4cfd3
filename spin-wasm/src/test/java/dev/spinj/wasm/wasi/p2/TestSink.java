package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A {@link ByteSink} with a permit the test sets by hand from any thread (a consumer taking
 * bytes at its own pace), recording what was written and how the writer ended.
 */
final class TestSink implements ByteSink {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final WakeSlot wake = new WakeSlot(this, "sink");
    private long permit;
    private IOException failure;
    private int flushes;
    private volatile boolean aborted;
    private volatile boolean finished;

    TestSink(long permit) {
        this.permit = permit;
    }

    /** The consumer takes more: {@code permit} bytes may be written now. */
    void grant(long permit) {
        wake.change(() -> this.permit = permit);
    }

    void fail(IOException e) {
        wake.change(() -> failure = e);
    }

    /** Waits until the guest's side waits for a permit. */
    void awaitWriter() {
        wake.awaitWaiter();
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    synchronized int flushes() {
        return flushes;
    }

    boolean aborted() {
        return aborted;
    }

    boolean finished() {
        return finished;
    }

    @Override
    public synchronized long writable() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return permit;
    }

    @Override
    public void whenWritable(Runnable wake) {
        this.wake.register(() -> permit > 0 || failure != null, wake);
    }

    @Override
    public synchronized void write(byte[] bytes) {
        if (bytes.length > permit) {
            throw new AssertionError("the host wrote " + bytes.length + " bytes on a permit of " + permit);
        }
        received.writeBytes(bytes);
        permit -= bytes.length;
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    @Override
    public void finish(List<Header> trailers) {
        finished = true;
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
