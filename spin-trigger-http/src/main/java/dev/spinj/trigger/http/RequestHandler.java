package dev.spinj.trigger.http;

import dev.spinj.trigger.http.routing.RouteMatch;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange on a connection: copy the request out of Netty, route it here, run its guest on a
 * worker (never on the event loop), write the response back. Overload answers 503 with
 * {@code Retry-After}; any failure answers 500.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ResponseWriter RESPONSES = new ResponseWriter(Clock.systemUTC());
    /** Ours alone ({@code spin-client-addr}, {@code spin-full-url}, ...): a client's would let it pose as someone else. */
    private static final String SPIN_HEADER_PREFIX = "spin-";

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final RequestDispatcher dispatcher;
    private final WorkerPool workers;
    private final String scheme;
    /** This connection's requests handed to the workers, to cancel when the client goes away. */
    private final Set<WorkerPool.Job> jobs = ConcurrentHashMap.newKeySet();

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
        try {
            InboundRequest request = toInbound(ctx, req);
            // Routing is cheap: health, info and 404 are answered here and never wait for a worker.
            RouteDecision decision = dispatcher.route(request);
            if (decision.answer() != null) {
                write(ctx, decision.answer(), keepAlive, head);
                return;
            }
            RouteMatch match = decision.match();
            WorkerPool.Job job = workers.submit(match.componentId(), request.body().length,
                    () -> runGuest(ctx, match, request, keepAlive, head));
            if (job == null) {
                write(ctx, new OutboundResponse(503, List.of(new Header("retry-after", "1")), new byte[0]), keepAlive, head);
            } else {
                jobs.removeIf(WorkerPool.Job::finished);
                jobs.add(job);
            }
        } catch (Throwable e) {
            LOG.error("Internal error handling {} {}", req.method(), req.uri(), e);
            answerInternalError(ctx, head);
        }
    }

    /** On a worker: the guest's answer, or a 500 whatever fails, and the worker lives on. */
    private void runGuest(ChannelHandlerContext ctx, RouteMatch match, InboundRequest request, boolean keepAlive, boolean head) {
        if (!ctx.channel().isActive()) {
            return; // the client went away while the request waited: nobody to answer
        }
        try {
            OutboundResponse response = dispatcher.execute(match, request);
            write(ctx, response, keepAlive, head);
        } catch (Throwable e) {
            LOG.error("Internal error answering a request for component {} (route {})", match.componentId(), match.rawRoute(), e);
            answerInternalError(ctx, head);
        }
    }

    private static void answerInternalError(ChannelHandlerContext ctx, boolean head) {
        try {
            write(ctx, OutboundResponse.empty(500), false, head);
        } catch (Throwable e) {
            ctx.close();
        }
    }

    /** The client is gone: its waiting requests never start, its running ones are interrupted. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (WorkerPool.Job job : jobs) {
            job.cancel();
        }
        jobs.clear();
        super.channelInactive(ctx);
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
