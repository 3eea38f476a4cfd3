package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One streamed response on a connection, written from the guest's thread. The head goes out at
 * once; body bytes are flushed as they are written, and the sink's permit follows the channel's
 * writability, so a client that stops reading stops the guest instead of filling the heap (the
 * channel's write-buffer high-water mark plus one permit is all that is held). {@code done} runs on
 * the event loop once the whole response is written and the connection stays open.
 */
final class ChannelResponse implements ResponseStream {
    /** What one write may carry; the channel stops granting more past its high-water mark. */
    static final int WRITE_PERMIT = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private final ResponseWriter writer;
    private final boolean keepAlive;
    private final boolean headRequest;
    /** False for HTTP/1.0 clients: an unknown length is then delimited by closing the connection. */
    private final boolean chunkable;
    private final Runnable done;
    private final AtomicReference<Runnable> writableWaiter = new AtomicReference<>();
    private boolean started;
    private Body body;

    ChannelResponse(ChannelHandlerContext ctx, ResponseWriter writer, boolean keepAlive, boolean headRequest,
            boolean chunkable, Runnable done) {
        this.ctx = ctx;
        this.writer = writer;
        this.keepAlive = keepAlive;
        this.headRequest = headRequest;
        this.chunkable = chunkable;
        this.done = done;
    }

    @Override
    public ByteSink respond(int status, List<Header> headers, long contentLength) {
        synchronized (this) {
            if (started) {
                return new Refused("the response was already sent");
            }
            started = true;
            if (!ResponseWriter.isFinal(status)) {
                answer(OutboundResponse.empty(500));
                return new Refused("a " + status + " status is not a final response; the client got 500");
            }
            boolean bodiless = ResponseWriter.isBodiless(status, headRequest);
            boolean delimitedByClose = contentLength < 0 && !chunkable && !bodiless;
            boolean open = keepAlive && !delimitedByClose;
            HttpResponse head;
            try {
                head = writer.streamedHead(status, headers, contentLength, open, chunkable);
            } catch (IllegalArgumentException badHeader) {
                // Netty refuses what HTTP/1.1 cannot carry (a value with a leading space, a control character)
                answer(OutboundResponse.empty(500));
                return new Refused("the response head cannot be sent, the client got 500: " + badHeader.getMessage());
            }
            body = new Body(contentLength, bodiless, contentLength < 0 && chunkable && !bodiless, open);
            ctx.writeAndFlush(head);
            return body;
        }
    }

    @Override
    public synchronized boolean started() {
        return started;
    }

    /**
     * On any thread: the host answers by itself ({@code 413} for a body over the limit) unless a
     * head already went out; true when it did answer.
     */
    synchronized boolean answerUnlessStarted(OutboundResponse answer) {
        if (started) {
            return false;
        }
        started = true;
        answer(answer);
        return true;
    }

    @Override
    public void fail(OutboundResponse answer) {
        if (!answerUnlessStarted(answer)) {
            end();
        }
    }

    @Override
    public void end() {
        if (answerUnlessStarted(OutboundResponse.empty(500))) {
            return;
        }
        Body sent;
        synchronized (this) {
            sent = body;
        }
        if (sent != null) {
            sent.endAsDropped();
        }
    }

    @Override
    public synchronized void drop() {
        if (!started) {
            started = true;
            ctx.close();
        }
    }

    /** On the event loop: the channel's writability changed. */
    void writabilityChanged() {
        if (ctx.channel().isWritable()) {
            wakeWriter();
        }
    }

    /** On the event loop: the connection closed; a writer waiting for a permit learns it. */
    void channelClosed() {
        wakeWriter();
    }

    private void answer(OutboundResponse answer) {
        writer.write(ctx, answer, keepAlive, headRequest).addListener(whenWritten(keepAlive));
    }

    private ChannelFutureListener whenWritten(boolean open) {
        return written -> {
            if (!written.isSuccess()) {
                written.channel().close();
            } else if (open) {
                done.run();
            }
        };
    }

    private void wakeWriter() {
        Runnable wake = writableWaiter.getAndSet(null);
        if (wake != null) {
            wake.run();
        }
    }

    /** The body sink the guest writes to. */
    private final class Body implements ByteSink {
        private final long contentLength;
        private final boolean bodiless;
        private final boolean chunked;
        private final boolean open;
        private long written;
        private boolean closed;

        Body(long contentLength, boolean bodiless, boolean chunked, boolean open) {
            this.contentLength = contentLength;
            this.bodiless = bodiless;
            this.chunked = chunked;
            this.open = open;
        }

        @Override
        public synchronized long writable() throws IOException {
            checkOpen();
            return bodiless || channel().isWritable() ? WRITE_PERMIT : 0;
        }

        @Override
        public void whenWritable(Runnable wake) {
            writableWaiter.set(wake);
            if (channel().isWritable() || !channel().isActive() || bodiless) {
                wakeWriter();
            }
        }

        @Override
        public synchronized void write(byte[] bytes) throws IOException {
            checkOpen();
            if (contentLength >= 0 && written + bytes.length > contentLength) {
                throw new IOException("response body exceeds its content-length of " + contentLength + " bytes");
            }
            written += bytes.length;
            if (!bodiless && bytes.length > 0) {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(bytes)));
            }
        }

        @Override
        public synchronized void finish(List<Header> trailers) throws IOException {
            checkOpen();
            closed = true;
            if (contentLength >= 0 && written < contentLength && !bodiless) {
                cut();
                throw new IOException("response body ended after " + written + " of its " + contentLength + " bytes");
            }
            LastHttpContent last = chunked && !trailers.isEmpty() ? trailersOf(trailers) : LastHttpContent.EMPTY_LAST_CONTENT;
            ChannelFuture sent = ctx.writeAndFlush(last).addListener(whenWritten(open));
            if (!open) {
                sent.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public synchronized void abort() {
            if (!closed) {
                closed = true;
                cut();
            }
        }

        /** The guest is gone without finishing: what the store's drop does in Spin (SPEC2 §3.5). */
        synchronized void endAsDropped() {
            if (closed) {
                return;
            }
            try {
                finish(List.of());
            } catch (IOException shortBody) {
                // cut already: the client sees a body short of its content-length
            }
        }

        /** The client sees the response end early: the connection closes after what was written. */
        private void cut() {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        private void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("the response body was already finished or aborted");
            }
            if (!channel().isActive()) {
                throw new IOException("the client closed the connection");
            }
        }

        private Channel channel() {
            return ctx.channel();
        }

        private LastHttpContent trailersOf(List<Header> trailers) {
            LastHttpContent last = new DefaultLastHttpContent();
            for (Header h : trailers) {
                last.trailingHeaders().add(h.name(), h.value());
            }
            return last;
        }
    }

    /** The sink of a response that cannot be sent: every call fails with why. */
    private record Refused(String why) implements ByteSink {
        @Override
        public long writable() throws IOException {
            throw new IOException(why);
        }

        @Override
        public void whenWritable(Runnable wake) {
            wake.run();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            throw new IOException(why);
        }

        @Override
        public void finish(List<Header> trailers) throws IOException {
            throw new IOException(why);
        }

        @Override
        public void abort() {}
    }
}
