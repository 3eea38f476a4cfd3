package dev.spinj.trigger.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that holds a descriptor without a request in flight:
 * <ul>
 *   <li>a request head (request line and headers) not complete within the header-read timeout,
 *       counted from the connection opening or from the first byte of a later request (slowloris);
 *   <li>nothing received for the idle timeout between keep-alive requests, or while the server
 *       waits for more of a body that stalls.
 * </ul>
 * A request in flight has no timer while nobody waits for its client: a guest may take as long as
 * {@code --request-timeout} allows, and a streaming guest that has not asked for more of its body
 * leaves the socket unread on purpose. The body timer runs only while a read is asked of the
 * socket. Sits between the codec and the flow control, so it sees every request's head and end as
 * they arrive (pipelined ones too, before they queue), every read that goes to the socket, and
 * every response as it is written; all of it runs on the connection's event loop.
 */
final class ConnectionTimeouts extends ChannelDuplexHandler {
    private final long headerReadNanos;
    private final long idleNanos;
    /** Whole requests received and final responses written: more received means one is in flight or queued. */
    private long requestsReceived;
    private long responsesWritten;
    /** Idle between requests: the next bytes to arrive start a request head and its timer. */
    private boolean awaitingNextRequest;
    private boolean finalResponse;
    /** A request head arrived and its body's end has not. */
    private boolean bodyUnderWay;
    private ScheduledFuture<?> timer;

    /** A zero duration disables that timeout. */
    ConnectionTimeouts(Duration headerRead, Duration idle) {
        this.headerReadNanos = headerRead.toNanos();
        this.idleNanos = idle.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx, headerReadNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        awaitingNextRequest = false;
        if (msg instanceof HttpRequest || msg instanceof HttpContent) {
            // a head complete, or body bytes: whatever waited for them is over
            cancel();
            bodyUnderWay = true;
        }
        if (msg instanceof LastHttpContent) {
            requestsReceived++;
            bodyUnderWay = false;
            if (noRequestInFlight()) {
                // answered before its body ended: idle until the next request
                arm(ctx, idleNanos);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // bytes arrived that did not yet make a request head: the head has the header-read timeout
        if (awaitingNextRequest) {
            awaitingNextRequest = false;
            arm(ctx, headerReadNanos);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (bodyUnderWay) {
            // the server waits for the client's next body bytes
            arm(ctx, idleNanos);
        }
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            // 100 Continue is not the answer: the request is still to come
            finalResponse = response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent && finalResponse) {
            promise.addListener(written -> {
                if (written.isSuccess()) {
                    responsesWritten++;
                    if (noRequestInFlight()) {
                        awaitingNextRequest = true;
                        arm(ctx, idleNanos);
                    }
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private boolean noRequestInFlight() {
        return requestsReceived <= responsesWritten;
    }

    private void arm(ChannelHandlerContext ctx, long nanos) {
        cancel();
        if (nanos > 0) {
            Runnable close = ctx::close;
            timer = ctx.executor().schedule(close, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
