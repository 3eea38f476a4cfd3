package dev.spinj.trigger.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;

/**
 * The pipeline: TLS when configured, HTTP/1.1 codec with header limits (431), read and idle
 * timeouts, one decoded message per read asked for, the handler (one request at a time, bodies
 * whole or streamed, capped: 413). No aggregator: a streaming guest reads its body as it arrives.
 */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_CHUNK = 8192;

    private final RequestDispatcher dispatcher;
    private final WorkerPool workers;
    private final HttpTriggerOptions options;
    private final SslContext tls;
    private final ConnectionLimit connections;

    /** @param tls the server's TLS context, or null for plain http */
    HttpServerInitializer(RequestDispatcher dispatcher, WorkerPool workers, HttpTriggerOptions options, SslContext tls) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.options = options;
        this.tls = tls;
        this.connections = new ConnectionLimit(options.maxConnections());
    }

    /** The listener's handler: counts connections against {@code --max-connections}. */
    ConnectionLimit connectionLimit() {
        return connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // reads are asked for by the RequestHandler: one request at a time, bodies at their consumer's pace
        ch.config().setAutoRead(false);
        if (tls != null) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
        }
        ch.pipeline().addLast(
                new HttpServerCodec(MAX_INITIAL_LINE, options.maxHeaderBytes(), MAX_CHUNK),
                new ConnectionTimeouts(options.headerReadTimeout(), options.idleTimeout()),
                new FlowControlHandler(),
                new RequestHandler(dispatcher, workers, options.scheme(), options.maxBodyBytes()));
    }
}
