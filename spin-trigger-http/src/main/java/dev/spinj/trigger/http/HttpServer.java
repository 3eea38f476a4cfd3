package dev.spinj.trigger.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/** Server lifecycle only: event loops (epoll where available), bind with the connection cap, close. */
final class HttpServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Channel channel;

    private HttpServer(EventLoopGroup boss, EventLoopGroup io, Channel channel) {
        this.boss = boss;
        this.io = io;
        this.channel = channel;
    }

    static HttpServer bind(InetSocketAddress address, HttpServerInitializer initializer) throws IOException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory);
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(factory);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, io)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .handler(initializer.connectionLimit())
                    .childHandler(initializer)
                    .bind(address)
                    .sync()
                    .channel();
            return new HttpServer(boss, io, channel);
        } catch (Exception e) {
            boss.shutdownGracefully();
            io.shutdownGracefully();
            // epoll says "bind(..) failed with error(-98): Address already in use", NIO only the
            // reason: the user gets the reason alone, as Spin prints it.
            String reason = String.valueOf(e.getMessage()).replaceFirst("^bind\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
            BindException cause = new BindException(reason);
            cause.addSuppressed(e);
            throw new IOException("Unable to listen on " + address.getHostString() + ":" + address.getPort(), cause);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting connections; open connections keep being served until {@link #close}. */
    void stopAccepting() {
        channel.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        // connections first: each one closing tells the listener's loop (ConnectionLimit), which must still run
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
