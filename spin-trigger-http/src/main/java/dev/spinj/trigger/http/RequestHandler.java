package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One exchange on a connection: copy the request out of Netty, run it on a worker (never on the
 * event loop), write the response back. Overload answers 503 with {@code Retry-After}.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ResponseWriter RESPONSES = new ResponseWriter(Clock.systemUTC());
    /** Ours alone ({@code spin-client-addr}, {@code spin-full-url}, ...): a client's would let it pose as someone else. */
    private static final String SPIN_HEADER_PREFIX = "spin-";

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
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(SPIN_HEADER_PREFIX)) {
                headers.add(new Header(name, h.getValue()));
            }
        }
        return new InboundRequest(req.method().name(), uri, path, query, headers, ByteBufUtil.getBytes(req.content()),
                (InetSocketAddress) ctx.channel().remoteAddress(), scheme, req.protocolVersion().text());
    }

    private static void write(ChannelHandlerContext ctx, OutboundResponse response, boolean keepAlive, boolean head) {
        RESPONSES.write(ctx, response, keepAlive, head);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
