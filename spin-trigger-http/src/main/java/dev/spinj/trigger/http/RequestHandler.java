package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One exchange on a connection: copy the request out of Netty, run it on a worker (never on the
 * event loop), write the response back. Overload answers 503 with {@code Retry-After}.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Framing headers are ours to compute, whatever a guest says. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

    private final RequestDispatcher dispatcher;
    private final WorkerPool workers;
    private final String scheme;

    RequestHandler(RequestDispatcher dispatcher, WorkerPool workers, String scheme) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.scheme = scheme;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean head = HttpMethod.HEAD.equals(req.method());
        DecoderResult decoded = req.decoderResult();
        if (!decoded.isSuccess()) {
            write(ctx, OutboundResponse.empty(decodeFailureStatus(decoded.cause())), false, head);
            return;
        }
        InboundRequest request = toInbound(ctx, req);
        boolean accepted = workers.trySubmit(() -> write(ctx, dispatcher.dispatch(request), keepAlive, head));
        if (!accepted) {
            write(ctx, new OutboundResponse(503, List.of(new Header("retry-after", "1")), new byte[0]), keepAlive, head);
        }
    }

    private static int decodeFailureStatus(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return 431;
        }
        return cause instanceof TooLongHttpLineException ? 414 : 400;
    }

    private InboundRequest toInbound(ChannelHandlerContext ctx, FullHttpRequest req) {
        String uri = req.uri();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        List<Header> headers = new ArrayList<>(req.headers().size());
        for (Map.Entry<String, String> h : req.headers()) {
            headers.add(new Header(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        }
        return new InboundRequest(req.method().name(), uri, path, query, headers, ByteBufUtil.getBytes(req.content()),
                (InetSocketAddress) ctx.channel().remoteAddress(), scheme, req.protocolVersion().text());
    }

    private static void write(ChannelHandlerContext ctx, OutboundResponse response, boolean keepAlive, boolean head) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        for (Header h : response.headers()) {
            if (!FRAMING.contains(h.name().toLowerCase(Locale.ROOT))) {
                out.headers().add(h.name(), h.value());
            }
        }
        out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        out.headers().set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(out);
        } else {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
