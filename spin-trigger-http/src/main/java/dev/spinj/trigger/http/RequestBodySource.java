package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A request body as it arrives, for a guest that streams it. The connection's event loop
 * {@link #offer}s chunks; the guest's thread reads them. Nothing is read from the socket before
 * the guest first asks, and never more than {@code bound} bytes ahead of it: {@link #wantsMore}
 * says whether the connection should read, and {@code demand} tells the event loop that the
 * answer may have turned to yes.
 */
final class RequestBodySource implements ByteSource {
    private final int bound;
    private final Runnable demand;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    /** Bytes of the first chunk already read. */
    private int readOffset;
    private long buffered;
    private boolean asked;
    private boolean ended;
    private boolean discarded;
    private IOException failure;
    private List<Header> trailers = List.of();
    private Runnable waiter;

    /**
     * @param bound the bytes buffered ahead of the reader, at most (plus one chunk)
     * @param demand run from the reader's thread when {@link #wantsMore} may have become true;
     *     must hand over to the event loop
     */
    RequestBodySource(int bound, Runnable demand) {
        this.bound = bound;
        this.demand = demand;
    }

    /** On the event loop: whether the connection should read more of this body now. */
    synchronized boolean wantsMore() {
        return asked && !ended && !discarded && failure == null && buffered < bound;
    }

    /** On the event loop: the next chunk of the body, copied (the caller keeps its buffer). */
    void offer(ByteBuf content) {
        if (!content.isReadable()) {
            return;
        }
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        Runnable wake;
        synchronized (this) {
            if (discarded || ended || failure != null) {
                return;
            }
            chunks.add(bytes);
            buffered += bytes.length;
            wake = takeWaiter();
        }
        run(wake);
    }

    /** On the event loop: the body is complete. */
    void end(List<Header> trailers) {
        Runnable wake;
        synchronized (this) {
            if (ended || failure != null) {
                return;
            }
            ended = true;
            this.trailers = List.copyOf(trailers);
            wake = takeWaiter();
        }
        run(wake);
    }

    /** The body cannot be completed (the client went away, it is too large): reads fail with {@code cause}. */
    void fail(IOException cause) {
        Runnable wake;
        synchronized (this) {
            if (ended || failure != null) {
                return;
            }
            failure = cause;
            chunks.clear();
            buffered = 0;
            wake = takeWaiter();
        }
        run(wake);
    }

    @Override
    public ByteBuffer read(int max) throws IOException {
        boolean more;
        ByteBuffer out;
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (buffered == 0) {
                if (ended || discarded) {
                    return END;
                }
                out = ByteBuffer.allocate(0);
            } else {
                out = take(max);
            }
            more = ask();
        }
        if (more) {
            demand.run();
        }
        return out;
    }

    @Override
    public void whenReadable(Runnable wake) {
        boolean now;
        boolean more;
        synchronized (this) {
            now = buffered > 0 || ended || discarded || failure != null;
            waiter = now ? null : wake;
            more = ask();
        }
        if (more) {
            demand.run();
        }
        if (now) {
            wake.run();
        }
    }

    @Override
    public synchronized List<Header> trailers() {
        return trailers;
    }

    @Override
    public void discard() {
        synchronized (this) {
            discarded = true;
            chunks.clear();
            buffered = 0;
            waiter = null;
        }
    }

    /** Up to {@code max} bytes from the front, as one buffer: the rest of the first chunk, or several joined. */
    private ByteBuffer take(int max) {
        byte[] first = chunks.peek();
        int inFirst = first.length - readOffset;
        if (max <= inFirst || chunks.size() == 1) {
            int n = Math.min(max, inFirst);
            ByteBuffer out = ByteBuffer.wrap(first, readOffset, n).slice();
            consume(n);
            return out;
        }
        ByteBuffer out = ByteBuffer.allocate((int) Math.min(max, buffered));
        while (out.hasRemaining()) {
            byte[] chunk = chunks.peek();
            int n = Math.min(out.remaining(), chunk.length - readOffset);
            out.put(chunk, readOffset, n);
            consume(n);
        }
        return out.flip();
    }

    private void consume(int n) {
        buffered -= n;
        readOffset += n;
        if (readOffset == chunks.peek().length) {
            chunks.poll();
            readOffset = 0;
        }
    }

    /** The reader wants bytes: true when the event loop should be told to read. */
    private boolean ask() {
        asked = true;
        return wantsMore();
    }

    private Runnable takeWaiter() {
        Runnable wake = waiter;
        waiter = null;
        return wake;
    }

    private static void run(Runnable wake) {
        if (wake != null) {
            wake.run();
        }
    }
}
