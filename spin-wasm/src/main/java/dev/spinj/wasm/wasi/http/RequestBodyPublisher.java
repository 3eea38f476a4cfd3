package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * An outbound request body on its way to the JDK client: the guest writes into it as a {@link
 * ByteSink}, the client pulls it as a {@link Flow.Publisher}. At most {@value #LIMIT} bytes wait
 * between the two; a guest ahead of the network waits for the client's demand. Trailers cannot
 * be sent over the JDK's HTTP/1.1 and are dropped.
 */
final class RequestBodyPublisher implements ByteSink, Flow.Publisher<ByteBuffer> {
    static final long LIMIT = 2 * OutgoingBody.WRITE_PERMIT;

    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long buffered;
    private long demand;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private boolean finished;
    private boolean completed;
    private boolean cancelled;
    private IOException failure;
    private Runnable waitingWriter;
    private boolean draining;
    private boolean drainAgain;

    @Override
    public synchronized long writable() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return Math.max(0, LIMIT - buffered);
    }

    @Override
    public void whenWritable(Runnable wake) {
        synchronized (this) {
            if (buffered >= LIMIT && failure == null) {
                waitingWriter = wake;
                return;
            }
        }
        wake.run();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (cancelled) {
                return;
            }
            chunks.add(ByteBuffer.wrap(bytes.clone()));
            buffered += bytes.length;
        }
        drain();
    }

    @Override
    public void finish(List<Header> trailers) {
        synchronized (this) {
            finished = true;
        }
        drain();
    }

    @Override
    public void abort() {
        Flow.Subscriber<? super ByteBuffer> s;
        synchronized (this) {
            failure = new IOException("the guest dropped the request body before finishing it");
            chunks.clear();
            s = completed ? null : subscriber;
            completed = true;
        }
        if (s != null) {
            s.onError(failure);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        synchronized (this) {
            subscriber = s;
        }
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (RequestBodyPublisher.this) {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                drain();
            }

            @Override
            public void cancel() {
                Runnable wake;
                synchronized (RequestBodyPublisher.this) {
                    cancelled = true;
                    chunks.clear();
                    buffered = 0;
                    wake = waitingWriter;
                    waitingWriter = null;
                }
                if (wake != null) {
                    wake.run();
                }
            }
        });
        drain();
    }

    /** Hands chunks to the subscriber as it asks; one thread at a time, never under the lock. */
    private void drain() {
        synchronized (this) {
            if (draining) {
                drainAgain = true;
                return;
            }
            draining = true;
        }
        while (true) {
            ByteBuffer next = null;
            boolean complete = false;
            Flow.Subscriber<? super ByteBuffer> s;
            Runnable wake = null;
            synchronized (this) {
                s = subscriber;
                if (s != null && demand > 0 && !chunks.isEmpty() && !completed) {
                    next = chunks.poll();
                    buffered -= next.remaining();
                    demand--;
                    if (buffered < LIMIT) {
                        wake = waitingWriter;
                        waitingWriter = null;
                    }
                } else if (s != null && finished && chunks.isEmpty() && !completed) {
                    completed = true;
                    complete = true;
                } else if (drainAgain) {
                    drainAgain = false;
                    continue;
                } else {
                    draining = false;
                    return;
                }
            }
            if (wake != null) {
                wake.run();
            }
            if (next != null) {
                s.onNext(next);
            }
            if (complete) {
                s.onComplete();
            }
        }
    }
}
