package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An outbound response body as the JDK client delivers it, read by the guest as a {@link
 * ByteSource}. Demand follows the guest's reads: at most about {@value #LIMIT} bytes wait here,
 * so a guest that reads slowly slows the upstream instead of filling the heap. While the host
 * waits for bytes, more than the {@code between-bytes-timeout} without any fails the body with
 * {@code connection-read-timeout} (SPEC2 §3.7 step 8).
 */
final class StreamedResponseBody implements ByteSource, Flow.Subscriber<List<ByteBuffer>> {
    static final long LIMIT = 1 << 20;
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wasi-http-body-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final Duration betweenBytes;
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long buffered;
    private Flow.Subscription subscription;
    private boolean demanding;
    private boolean complete;
    private IOException failure;
    private Runnable wake;
    private ScheduledFuture<?> stall;

    StreamedResponseBody(Duration betweenBytes) {
        this.betweenBytes = betweenBytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            subscription = s;
        }
        demandMore();
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (this) {
            demanding = false;
            cancelStall();
            for (ByteBuffer b : buffers) {
                if (b.hasRemaining()) {
                    chunks.add(b);
                    buffered += b.remaining();
                }
            }
        }
        demandMore();
        wakeReader();
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            if (failure == null) {
                failure = error instanceof IOException io ? io : new IOException(error.getMessage(), error);
            }
            cancelStall();
        }
        wakeReader();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            complete = true;
            cancelStall();
        }
        wakeReader();
    }

    @Override
    public ByteBuffer read(int max) throws IOException {
        ByteBuffer out;
        synchronized (this) {
            ByteBuffer head = chunks.peek();
            if (head == null) {
                if (failure != null) {
                    throw failure;
                }
                return complete ? END : ByteBuffer.allocate(0);
            }
            int n = Math.min(max, head.remaining());
            out = head.slice().limit(n);
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                chunks.poll();
            }
            buffered -= n;
        }
        demandMore();
        return out;
    }

    @Override
    public void whenReadable(Runnable wake) {
        synchronized (this) {
            if (chunks.isEmpty() && !complete && failure == null) {
                this.wake = wake;
                return;
            }
        }
        wake.run();
    }

    @Override
    public void discard() {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
            chunks.clear();
            buffered = 0;
            complete = true;
            cancelStall();
        }
        if (s != null) {
            s.cancel();
        }
    }

    /** Asks the client for the next chunk when there is room, and starts the stall clock. */
    private void demandMore() {
        Flow.Subscription s;
        synchronized (this) {
            if (subscription == null || demanding || complete || failure != null || buffered >= LIMIT) {
                return;
            }
            demanding = true;
            s = subscription;
            stall = TIMERS.schedule(this::stalled, Math.max(1, betweenBytes.toNanos()), TimeUnit.NANOSECONDS);
        }
        s.request(1);
    }

    private void stalled() {
        Flow.Subscription s;
        synchronized (this) {
            if (!demanding || failure != null || complete) {
                return;
            }
            failure = new ErrorCodeException(ErrorCodes.of("connection-read-timeout"),
                    "no response body bytes for " + betweenBytes.toMillis() + " ms");
            s = subscription;
        }
        s.cancel();
        wakeReader();
    }

    private void cancelStall() {
        if (stall != null) {
            stall.cancel(false);
            stall = null;
        }
    }

    private void wakeReader() {
        Runnable w;
        synchronized (this) {
            w = wake;
            wake = null;
        }
        if (w != null) {
            w.run();
        }
    }
}
