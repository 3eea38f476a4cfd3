package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * A {@link ByteSink} writing through into a Java stream (a component's stdout or stderr log
 * sink): nothing is buffered here, so the whole permit is free again after every write. After
 * an I/O failure the sink is closed, as WASI says of a failed operation, and reports so with
 * {@link ClosedChannelException} (which {@link WasiStreams} maps to {@code closed}).
 */
final class OutputStreamSink implements ByteSink {
    /** What {@link #writable} grants: a bound on one write's size, not on buffering. */
    static final long PERMIT = 1 << 20;

    private final OutputStream out;
    private volatile boolean failed;

    OutputStreamSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public long writable() throws IOException {
        if (failed) {
            throw new ClosedChannelException();
        }
        return PERMIT;
    }

    @Override
    public void whenWritable(Runnable wake) {
        wake.run();
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** The log sink outlives the guest's handles: the end of a guest's stdout is only a flush. */
    @Override
    public void finish(List<Header> trailers) throws IOException {
        flush();
    }

    /** Nothing to undo: what was written is in the log already. */
    @Override
    public void abort() {}
}
