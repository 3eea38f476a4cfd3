package dev.spinj.trigger.http;

import dev.spinj.trigger.http.executor.StreamingHttpExecutor;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.wasm.io.ByteSink;
import dev.spinj.wasm.io.ByteSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test code in a guest's place behind a {@link StreamingHttpExecutor}: it reads the body source and
 * writes the response sink as a wasi:http host would for a guest, waiting through the
 * {@code whenReadable}/{@code whenWritable} callbacks (with generous limits, never sleeping).
 */
@FunctionalInterface
interface StandInGuest {
    long WAIT_SECONDS = 30;

    void handle(RouteMatch match, InboundRequest head, ByteSource body, ResponseStream response) throws Exception;

    default StreamingHttpExecutor asExecutor() {
        return (match, head, body, response) -> {
            try {
                handle(match, head, body, response);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("stand-in guest failed", e);
            }
        };
    }

    /** Writes all of {@code bytes}, waiting for permits. */
    static void write(ByteSink sink, byte[] bytes) throws IOException, InterruptedException {
        int off = 0;
        while (off < bytes.length) {
            long permit = awaitWritable(sink);
            int n = (int) Math.min(permit, bytes.length - off);
            byte[] part = new byte[n];
            System.arraycopy(bytes, off, part, 0, n);
            sink.write(part);
            off += n;
        }
    }

    static void write(ByteSink sink, String text) throws IOException, InterruptedException {
        write(sink, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The sink's permit once it is positive. */
    static long awaitWritable(ByteSink sink) throws IOException, InterruptedException {
        for (long permit = sink.writable(); ; permit = sink.writable()) {
            if (permit > 0) {
                return permit;
            }
            var latch = new CountDownLatch(1);
            sink.whenWritable(latch::countDown);
            await(latch, "a write permit");
        }
    }

    /** The next bytes of the source (at most {@code max}), waiting for some; {@link ByteSource#END} at the end. */
    static ByteBuffer read(ByteSource source, int max) throws IOException, InterruptedException {
        for (ByteBuffer got = source.read(max); ; got = source.read(max)) {
            if (got == ByteSource.END || got.hasRemaining()) {
                return got;
            }
            var latch = new CountDownLatch(1);
            source.whenReadable(latch::countDown);
            await(latch, "request body bytes");
        }
    }

    static byte[] readAll(ByteSource source) throws IOException, InterruptedException {
        var all = new ByteArrayOutputStream();
        for (ByteBuffer got = read(source, 64 * 1024); got != ByteSource.END; got = read(source, 64 * 1024)) {
            byte[] bytes = new byte[got.remaining()];
            got.get(bytes);
            all.write(bytes);
        }
        return all.toByteArray();
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no " + what + " within " + WAIT_SECONDS + " s");
        }
    }
}
