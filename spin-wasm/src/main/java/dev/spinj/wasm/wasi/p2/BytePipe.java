package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * A bounded buffer between a socket's pump thread and the guest: the guest reads a socket's
 * input through {@link #source()} while a pump fills it, and writes its output through {@link
 * #sink()} while a pump drains it. Bounded both ways, so a slow peer slows the guest and a slow
 * guest stops the pump reading. Either side may end it (the end of the bytes) or fail it.
 */
final class BytePipe {
    private final byte[] buffer;
    private int start;
    private int size;
    private boolean ended;
    private boolean closed;
    private IOException failure;
    private Runnable readerWake;
    private Runnable writerWake;

    BytePipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    /** The guest's read side: bytes the pump put, then the end or the failure. */
    ByteSource source() {
        return new ByteSource() {
            @Override
            public ByteBuffer read(int max) throws IOException {
                return take(max);
            }

            @Override
            public void whenReadable(Runnable wake) {
                whenTakeable(wake);
            }

            @Override
            public void discard() {
                close();
            }
        };
    }

    /** The guest's write side: bytes for the pump, bounded by the free space. */
    ByteSink sink() {
        return new ByteSink() {
            @Override
            public long writable() throws IOException {
                return space();
            }

            @Override
            public void whenWritable(Runnable wake) {
                whenPuttable(wake);
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                put(bytes, 0, bytes.length);
            }

            @Override
            public void finish(List<Header> trailers) {
                end();
            }

            @Override
            public void abort() {
                close();
            }
        };
    }

    /** Room for {@link #put} now; fails once the pipe failed or closed. */
    synchronized long space() throws IOException {
        check();
        return ended ? 0 : buffer.length - size;
    }

    synchronized void put(byte[] bytes, int offset, int length) throws IOException {
        check();
        if (length > buffer.length - size || ended) {
            throw new IOException("wrote " + length + " bytes where " + (buffer.length - size) + " were free");
        }
        for (int i = 0; i < length; i++) {
            buffer[(start + size + i) % buffer.length] = bytes[offset + i];
        }
        size += length;
        wakeReader();
    }

    /** Up to {@code max} bytes now: some, none yet (empty), or {@link ByteSource#END}. */
    synchronized ByteBuffer take(int max) throws IOException {
        if (size == 0) {
            check();
            return ended ? ByteSource.END : ByteBuffer.allocate(0);
        }
        int n = Math.min(max, size);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = buffer[(start + i) % buffer.length];
        }
        start = (start + n) % buffer.length;
        size -= n;
        wakeWriter();
        return ByteBuffer.wrap(out);
    }

    /** The writer's end of the bytes: the reader gets what is buffered, then the end. */
    synchronized void end() {
        ended = true;
        wakeReader();
    }

    synchronized void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        wakeReader();
        wakeWriter();
    }

    /** Either side is gone: the other sees a closed channel from now on. */
    synchronized void close() {
        closed = true;
        size = 0;
        wakeReader();
        wakeWriter();
    }

    /** For a pump: waits until there is room (or the pipe closed, which it reports). */
    synchronized int awaitSpace() throws IOException {
        while (buffer.length - size == 0 && !closed && failure == null) {
            await();
        }
        check();
        return buffer.length - size;
    }

    /** For a pump: waits until there are bytes or the end, then takes up to {@code max}. */
    synchronized ByteBuffer awaitTake(int max) throws IOException {
        while (size == 0 && !ended && !closed && failure == null) {
            await();
        }
        return take(max);
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("socket pump interrupted");
        }
    }

    private void check() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private void whenTakeable(Runnable wake) {
        synchronized (this) {
            if (size == 0 && !ended && !closed && failure == null) {
                readerWake = wake;
                return;
            }
        }
        wake.run();
    }

    private void whenPuttable(Runnable wake) {
        synchronized (this) {
            if (buffer.length - size == 0 && !closed && failure == null) {
                writerWake = wake;
                return;
            }
        }
        wake.run();
    }

    /** Wakes a guest waiting to read, and a pump waiting in {@link #awaitTake}. */
    private void wakeReader() {
        readerWake = wake(readerWake);
    }

    /** Wakes a guest waiting to write, and a pump waiting in {@link #awaitSpace}. */
    private void wakeWriter() {
        writerWake = wake(writerWake);
    }

    /** Runs a registered wake once (it is used up) and wakes the pump; returns the empty registration. */
    private Runnable wake(Runnable registered) {
        notifyAll();
        if (registered != null) {
            registered.run();
        }
        return null;
    }
}
