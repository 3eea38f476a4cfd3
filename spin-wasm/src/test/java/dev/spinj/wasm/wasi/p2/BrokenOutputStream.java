package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.io.OutputStream;

/** A log sink whose every write fails, as a full disk makes it. */
final class BrokenOutputStream extends OutputStream {
    private final String failure;

    BrokenOutputStream(String failure) {
        this.failure = failure;
    }

    @Override
    public void write(int b) throws IOException {
        throw new IOException(failure);
    }
}
