package dev.spinj.trigger.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Bounds the connections the server holds open, and so its file descriptors. Sits on the listener
 * and sees each connection as it is accepted: at the cap the listener stops accepting, so clients
 * beyond it wait in the kernel's accept backlog holding none of our descriptors, and are accepted
 * as soon as a connection closes (an idle one times out). Everything runs on the listener's event
 * loop; a connection accepted in the same batch as the one that hit the cap is closed at once.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {
    private final int max;
    private int open;

    ConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the connection cap must be at least 1, not " + max);
        }
        this.max = max;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel connection = (Channel) msg;
        if (open >= max) {
            // not registered yet, so no event loop to close it through
            connection.unsafe().closeForcibly();
            return;
        }
        open++;
        Channel listener = ctx.channel();
        if (open == max) {
            listener.config().setAutoRead(false);
        }
        connection.closeFuture().addListener(closed -> ctx.executor().execute(() -> {
            open--;
            listener.config().setAutoRead(true);
        }));
        ctx.fireChannelRead(msg);
    }
}
