package dev.spinj.trigger.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** The pipeline: HTTP/1.1 codec with header limits (431), whole bodies with a cap (413), the handler. */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_CHUNK = 8192;

    private final RequestDispatcher dispatcher;
    private final WorkerPool workers;
    private final HttpTriggerOptions options;

    HttpServerInitializer(RequestDispatcher dispatcher, WorkerPool workers, HttpTriggerOptions options) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.options = options;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(
                new HttpServerCodec(MAX_INITIAL_LINE, options.maxHeaderBytes(), MAX_CHUNK),
                new HttpObjectAggregator(options.maxBodyBytes()),
                new RequestHandler(dispatcher, workers, "http"));
    }
}
