package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a {@code wasi:io/streams} output-stream writes into: a Java stream (a component log
 * sink), written through at once, so the whole permit is free again after every write. After
 * an I/O failure the stream is closed, as WASI says of a failed operation.
 */
final class OutputSink {
    private final String name;
    private final OutputStream out;
    private volatile boolean closed;

    OutputSink(String name, OutputStream out) {
        this.name = name;
        this.out = out;
    }

    String name() {
        return name;
    }

    boolean closed() {
        return closed;
    }

    /** Writes and, when {@code flush}, flushes; a failure closes the stream for good. */
    synchronized void write(byte[] bytes, boolean flush) throws IOException {
        try {
            out.write(bytes);
            if (flush) {
                out.flush();
            }
        } catch (IOException e) {
            closed = true;
            throw e;
        }
    }
}
