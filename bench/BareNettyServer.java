// The ceiling for bench/run.sh: a bare Netty HTTP/1.1 hello-world with the same pipeline
// shape as spinj's HTTP trigger (HttpServerCodec + HttpObjectAggregator, epoll when
// available), answering "Hello, Fermyon!\n" directly on the event loop. No wasm, no
// routing, no worker pool: whatever spinj adds on top shows up as the gap to this row.
//
// Run as a single-file source program with spinj's jar (which bundles Netty) on the class path:
//   java -cp spin-cli/target/spin.jar bench/BareNettyServer.java 127.0.0.1:8099

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class BareNettyServer {
    private static final byte[] BODY = "Hello, Fermyon!\n".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        String listen = args.length > 0 ? args[0] : "127.0.0.1:8099";
        int colon = listen.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(listen.substring(0, colon),
                Integer.parseInt(listen.substring(colon + 1)));

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory);
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(factory);
        Channel channel = new ServerBootstrap()
                .group(boss, io)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(8192, 16384, 8192),
                                new HttpObjectAggregator(10 * 1024 * 1024),
                                new Hello());
                    }
                })
                .bind(address).sync().channel();
        System.out.println("BareNettyServer listening on http://" + listen + " (" + (epoll ? "epoll" : "nio") + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            channel.close().syncUninterruptibly();
            boss.shutdownGracefully();
            io.shutdownGracefully();
        }));
        channel.closeFuture().sync();
    }

    private static final class Hello extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            ByteBuf body = Unpooled.wrappedBuffer(BODY);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            if (HttpUtil.isKeepAlive(req)) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
