package dev.spinj.trigger.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * HTTP/1.1 answers in request order: with auto-read off, a connection reads its next request only
 * once the response to the last one is written. Pipelined requests wait their turn in the
 * {@link io.netty.handler.flow.FlowControlHandler} before this handler, and the socket is not read
 * while a guest runs, which is backpressure too. Sits between that handler and the
 * {@link RequestHandler}, so it sees each whole request go in and each response come out.
 */
final class OneRequestAtATime extends ChannelDuplexHandler {
    /** True from a response written (or the connection opening) until the next whole request arrives. */
    private boolean awaitingRequest;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        readNextRequest(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            awaitingRequest = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // a read that ended without a whole request (a head, part of a body): read on
        if (awaitingRequest) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && HttpUtil.isKeepAlive(response)) {
            promise.addListener((ChannelFutureListener) written -> {
                if (written.isSuccess()) {
                    readNextRequest(ctx);
                } else {
                    ctx.close();
                }
            });
        }
        ctx.write(msg, promise);
    }

    private void readNextRequest(ChannelHandlerContext ctx) {
        awaitingRequest = true;
        ctx.read();
    }
}
