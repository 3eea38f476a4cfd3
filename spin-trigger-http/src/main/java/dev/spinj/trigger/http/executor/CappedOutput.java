package dev.spinj.trigger.http.executor;

import java.io.ByteArrayOutputStream;

/**
 * A guest's output buffered for the response, up to a cap ({@code --max-response-body}). The write
 * that would pass the cap throws instead: the guest's host call traps, so a guest writing forever
 * stops at once rather than filling the heap or burning until the request timeout.
 */
final class CappedOutput extends ByteArrayOutputStream {
    private final int cap;
    private volatile boolean overflowed;

    /** Thrown into the guest's write when the cap is hit; the executor answers 500. */
    static final class CapExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CapExceeded(int cap) {
            super("output exceeds " + cap + " bytes (--max-response-body)");
        }
    }

    CappedOutput(int cap) {
        this.cap = cap;
    }

    /** Whether the guest tried to write past the cap. */
    boolean overflowed() {
        return overflowed;
    }

    int cap() {
        return cap;
    }

    @Override
    public synchronized void write(int b) {
        ensureRoom(1);
        super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ensureRoom(len);
        super.write(b, off, len);
    }

    private void ensureRoom(int len) {
        if ((long) count + len > cap) {
            overflowed = true;
            throw new CapExceeded(cap);
        }
    }
}
