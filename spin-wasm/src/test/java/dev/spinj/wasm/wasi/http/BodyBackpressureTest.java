package dev.spinj.wasm.wasi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbound bodies' bounds, at the seam with the JDK client's Flow API: neither side buffers
 * more than its limit ahead of the other, whatever the other's pace.
 */
@Timeout(30)
class BodyBackpressureTest {
    private static final int CHUNK = 64 * 1024;

    /** An upstream that answers every request(n) with n chunks at once, as a fast server would. */
    private static final class EagerUpstream implements Flow.Publisher<List<ByteBuffer>> {
        final int chunks;
        int sent;
        Flow.Subscriber<? super List<ByteBuffer>> subscriber;

        EagerUpstream(int chunks) {
            this.chunks = chunks;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super List<ByteBuffer>> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    for (long i = 0; i < n && sent < chunks; i++) {
                        sent++;
                        subscriber.onNext(List.of(ByteBuffer.allocate(CHUNK)));
                    }
                    if (sent == chunks) {
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {}
            });
        }
    }

    @Test
    void aResponseBodyTakesNoMoreFromTheUpstreamThanItsLimitWhileTheGuestDoesNotRead() throws IOException {
        EagerUpstream upstream = new EagerUpstream(1000);
        StreamedResponseBody body = new StreamedResponseBody(Duration.ofMinutes(1));
        upstream.subscribe(body);
        assertTrue((long) upstream.sent * CHUNK <= StreamedResponseBody.LIMIT + CHUNK, upstream.sent + " chunks taken unread");
        long read = 0;
        for (ByteBuffer b; (b = body.read(1 << 20)) != ByteSource.END; ) {
            read += b.remaining();
        }
        assertEquals(1000L * CHUNK, read, "reading grants the upstream more until the end");
    }

    @Test
    void aResponseBodyThatStallsFailsWithConnectionReadTimeout() throws Exception {
        StreamedResponseBody body = new StreamedResponseBody(Duration.ofMillis(50));
        body.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        CountDownLatch woken = new CountDownLatch(1);
        body.whenReadable(woken::countDown);
        assertTrue(woken.await(10, TimeUnit.SECONDS));
        ErrorCodeException failure = assertThrows(ErrorCodeException.class, () -> body.read(10));
        assertEquals("connection-read-timeout", failure.code().label());
    }

    @Test
    void aRequestBodyStopsTheGuestWhenTheClientTakesNothingAndWakesItWhenTheClientAsks() throws IOException, InterruptedException {
        RequestBodyPublisher body = new RequestBodyPublisher();
        List<ByteBuffer> received = new ArrayList<>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
            }

            @Override
            public void onNext(ByteBuffer item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        });
        while (body.writable() > 0) {
            body.write(new byte[(int) Math.min(body.writable(), CHUNK)]);
        }
        assertEquals(0, received.size(), "nothing went out without demand");
        CountDownLatch woken = new CountDownLatch(1);
        body.whenWritable(woken::countDown);
        subscription[0].request(Long.MAX_VALUE);
        assertTrue(woken.await(10, TimeUnit.SECONDS), "the client's demand wakes the writer");
        assertEquals(RequestBodyPublisher.LIMIT, received.stream().mapToLong(ByteBuffer::remaining).sum());
    }
}
