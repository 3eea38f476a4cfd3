package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link ByteSource} that can say whether a read would return something without losing it:
 * {@link #readable} reads ahead and keeps what it got (bytes, the end, or a failure) for the next
 * {@link #read}. That is what {@code input-stream.subscribe}'s pollable and {@code
 * blocking-read} need, as a plain source only offers a consuming read and one wake registration.
 * The instance's thread is its only reader.
 */
final class ReadAhead implements ByteSource {
    /** The most one look-ahead takes from the source. */
    static final int CHUNK = 64 * 1024;

    private final ByteSource source;
    private ByteBuffer held;
    private IOException failure;

    private ReadAhead(ByteSource source) {
        this.source = source;
    }

    /** {@code source} able to look ahead (itself when it already is). */
    static ReadAhead of(ByteSource source) {
        return source instanceof ReadAhead r ? r : new ReadAhead(source);
    }

    /** Whether {@link #read} would now return bytes, the end or a failure. Never blocks. */
    boolean readable() {
        if (held == null && failure == null) {
            try {
                ByteBuffer next = source.read(CHUNK);
                if (next == END || next.hasRemaining()) {
                    held = next;
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        return held != null || failure != null;
    }

    /** Ready when {@link #readable}, as {@code input-stream.subscribe} gives it. */
    Pollable pollable() {
        return new Pollable() {
            @Override
            public boolean ready() {
                return readable();
            }

            @Override
            public void whenReady(Runnable wake) {
                whenReadable(wake);
            }
        };
    }

    @Override
    public ByteBuffer read(int max) throws IOException {
        if (failure != null) {
            IOException e = failure;
            failure = null;
            throw e;
        }
        if (held == null) {
            return source.read(max);
        }
        ByteBuffer out = held;
        if (out != END && out.remaining() > max) {
            out = held.slice().limit(max);
            held.position(held.position() + max);
        } else {
            held = null;
        }
        return out;
    }

    @Override
    public void whenReadable(Runnable wake) {
        if (held != null || failure != null) {
            wake.run();
        } else {
            source.whenReadable(wake);
        }
    }

    @Override
    public List<Header> trailers() {
        return source.trailers();
    }

    @Override
    public void discard() {
        held = null;
        source.discard();
    }
}
