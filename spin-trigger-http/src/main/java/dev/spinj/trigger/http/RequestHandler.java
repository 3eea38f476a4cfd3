package dev.spinj.trigger.http;

import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.wasm.http.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges on one connection, one at a time and in order (HTTP/1.1 pipelining). A request is
 * routed on its head. Its body is then read whole (capped by {@code --max-request-body}: 413) for
 * guests that take it whole, or streamed to a guest that reads it as it arrives, the socket read only
 * as the guest asks for more (backpressure). Either way the guest runs on a worker, never on the
 * event loop; the job is submitted when the head arrives for a streaming guest, when the body is
 * complete for the others. Overload answers 503 with {@code Retry-After}; any failure answers 500.
 *
 * <p>Auto-read is off: this handler asks for every read, so the next request is read only once the
 * answer to this one is written, and a body only as fast as its consumer takes it. A body left
 * unread when the answer is out is read and thrown away, up to a limit, before the next request.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final ResponseWriter RESPONSES = new ResponseWriter(Clock.systemUTC());
    /** Ours alone ({@code spin-client-addr}, {@code spin-full-url}, ...): a client's would let it pose as someone else. */
    private static final String SPIN_HEADER_PREFIX = "spin-";
    /** Body bytes read ahead of a streaming guest. */
    static final int STREAM_READ_AHEAD = 128 * 1024;
    /**
     * Body bytes read and dropped after an answer that did not need them, before giving up on the
     * connection (Go's net/http drains as much): a small body costs less than a new connection.
     */
    static final long DISCARD_LIMIT = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final RequestDispatcher dispatcher;
    private final WorkerPool workers;
    private final String scheme;
    private final long maxBodyBytes;
    /** This connection's requests handed to the workers, to cancel when the client goes away. */
    private final Set<WorkerPool.Job> jobs = ConcurrentHashMap.newKeySet();

    // The current exchange, on the event loop only.
    /** Where the current request's body goes; null once it ended (or between requests). */
    private RequestBody body;
    /** The current request's answer is not completely written yet. */
    private boolean responding;
    private long bodyBytes;
    /** The current exchange's streamed response, or null. */
    private ChannelResponse streamed;
    private boolean readPending;

    RequestHandler(RequestDispatcher dispatcher, WorkerPool workers, String scheme, long maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.scheme = scheme;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        demandRead(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readPending = false;
        try {
            if (msg instanceof HttpRequest head) {
                onHead(ctx, head);
            }
            if (msg instanceof HttpContent content && body != null) {
                onContent(ctx, content);
            }
        } catch (Throwable e) {
            LOG.error("Internal error handling a request on {}", ctx.channel().remoteAddress(), e);
            ctx.close();
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (wantsMore()) {
            demandRead(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // a read that ended without a message (part of a head or of a chunk): read on if still wanted
        if (readPending) {
            readPending = false;
            if (wantsMore()) {
                demandRead(ctx);
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streamed != null) {
            streamed.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The client is gone: its waiting requests never start, its running ones are interrupted. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (body instanceof Streamed s) {
            s.source.fail(new IOException("the client closed the connection before the request body ended"));
        }
        if (streamed != null) {
            streamed.channelClosed();
        }
        for (WorkerPool.Job job : jobs) {
            job.cancel();
        }
        jobs.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest req) {
        responding = true;
        bodyBytes = 0;
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean head = HttpMethod.HEAD.equals(req.method());
        DecoderResult decoded = req.decoderResult();
        if (!decoded.isSuccess()) {
            body = new Discarded();
            answer(ctx, OutboundResponse.empty(decodeFailureStatus(decoded.cause())), false, head);
            return;
        }
        boolean expectsContinue = HttpUtil.is100ContinueExpected(req);
        req.headers().remove(HttpHeaderNames.EXPECT);
        InboundRequest request = toInbound(ctx, req, new byte[0]);
        // Routing is cheap: health, info and 404 are answered here and never wait for a worker.
        RouteDecision decision = dispatcher.route(request);
        // A client waiting for 100 Continue sends no body after another answer: the connection cannot go on.
        boolean keepAliveWithoutBody = keepAlive && !expectsContinue;
        if (decision.answer() != null) {
            body = new Discarded();
            answer(ctx, decision.answer(), keepAliveWithoutBody, head);
            return;
        }
        if (HttpUtil.getContentLength(req, -1L) > maxBodyBytes) {
            body = new Discarded();
            answer(ctx, OutboundResponse.empty(413), keepAliveWithoutBody, head);
            return;
        }
        RouteMatch match = decision.match();
        boolean streams = dispatcher.streams(match);
        String target = targetAuthority(req.uri());
        if (streams && target != null) {
            // wasi:http guests get one authority (SPEC2 §3.1 step 4): Host and the request target must agree
            String host = req.headers().get(HttpHeaderNames.HOST);
            if (host != null && !host.equals(target)) {
                ctx.close(); // as Spin's hyper service failing: no response at all
                return;
            }
            req.headers().set(HttpHeaderNames.HOST, target);
            request = toInbound(ctx, req, new byte[0]);
        }
        if (expectsContinue) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        if (streams) {
            startStreaming(ctx, match, request, keepAlive, head, !HttpVersion.HTTP_1_0.equals(req.protocolVersion()));
        } else {
            body = new Aggregated(match, request, keepAlive, head, HttpUtil.getContentLength(req, 0L));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!content.decoderResult().isSuccess()) {
            // a broken chunk: the codec drops the rest of the connection's bytes
            body = null;
            ctx.close();
            return;
        }
        ByteBuf bytes = content.content();
        bodyBytes += bytes.readableBytes();
        if (bodyBytes > maxBodyBytes && !(body instanceof Discarded)) {
            overLimit(ctx);
        }
        body.add(ctx, bytes);
        if (content instanceof LastHttpContent last) {
            RequestBody ended = body;
            body = null;
            ended.end(ctx, last.trailingHeaders());
            if (!responding) {
                // answered before the body ended: the exchange is over now
                readNextRequest();
            }
        }
    }

    /** The body grew past {@code --max-request-body}: 413 unless the guest answered already; the rest is dropped. */
    private void overLimit(ChannelHandlerContext ctx) {
        RequestBody over = body;
        // before answering: an answer written at once is done at once, and the exchange then goes on from here
        body = new Discarded();
        OutboundResponse tooLarge = OutboundResponse.empty(413);
        if (over instanceof Aggregated a) {
            answer(ctx, tooLarge, a.keepAlive, a.headRequest);
        } else if (over instanceof Streamed s) {
            // the 413 first: the failed read lets the guest end, and its end answers 500 when nothing was sent
            streamed.answerUnlessStarted(tooLarge);
            s.source.fail(new IOException("the request body is larger than the --max-request-body limit of "
                    + maxBodyBytes + " bytes"));
        }
    }

    private void startStreaming(ChannelHandlerContext ctx, RouteMatch match, InboundRequest request, boolean keepAlive,
            boolean head, boolean chunkable) {
        var stream = new Streamed(ctx);
        ChannelResponse response = new ChannelResponse(ctx, RESPONSES, keepAlive, head, chunkable,
                () -> responseDone(ctx));
        WorkerPool.Job job = workers.submit(match.componentId(), 0, () -> {
            if (!ctx.channel().isActive()) {
                return; // the client went away while the request waited: nobody to answer
            }
            try {
                dispatcher.execute(match, request, stream.source, response);
            } catch (Throwable e) {
                LOG.error("Internal error answering a request for component {} (route {})", match.componentId(),
                        match.rawRoute(), e);
                response.fail(OutboundResponse.empty(500));
            }
        });
        if (job == null) {
            body = new Discarded();
            answer(ctx, overloaded(), keepAlive, head);
            return;
        }
        track(job);
        body = stream;
        streamed = response;
    }

    /** On a worker: the guest's answer, or a 500 whatever fails (even writing the answer), and the worker lives on. */
    private void runGuest(ChannelHandlerContext ctx, RouteMatch match, InboundRequest request, boolean keepAlive, boolean head) {
        if (!ctx.channel().isActive()) {
            return; // the client went away while the request waited: nobody to answer
        }
        try {
            answer(ctx, dispatcher.execute(match, request), keepAlive, head);
        } catch (Throwable e) {
            LOG.error("Internal error answering a request for component {} (route {})", match.componentId(), match.rawRoute(), e);
            try {
                answer(ctx, OutboundResponse.empty(500), false, head);
            } catch (Throwable again) {
                ctx.close();
            }
        }
    }

    /** Writes a whole answer (from any thread); the exchange's answer is done once it is written. */
    private void answer(ChannelHandlerContext ctx, OutboundResponse response, boolean keepAlive, boolean head) {
        RESPONSES.write(ctx, response, keepAlive, head).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                written.channel().close();
            } else if (keepAlive) {
                responseDone(ctx);
            }
        });
    }

    /** On the event loop: the answer is completely written and the connection stays open. */
    private void responseDone(ChannelHandlerContext ctx) {
        responding = false;
        streamed = null;
        if (body == null) {
            readNextRequest();
        } else if (!(body instanceof Discarded)) {
            // the guest answered without reading its whole body: the rest is read and dropped
            if (body instanceof Streamed s) {
                s.source.fail(new IOException("the response was sent before the request body was read"));
            }
            body = new Discarded();
        }
        if (wantsMore()) {
            demandRead(ctx);
        }
    }

    private void readNextRequest() {
        body = null;
        bodyBytes = 0;
    }

    /** Whether this connection should read now: the next request once the last is answered, or its body's next bytes. */
    private boolean wantsMore() {
        return body == null ? !responding : body.wantsMore();
    }

    private void demandRead(ChannelHandlerContext ctx) {
        if (!readPending) {
            readPending = true;
            ctx.read();
        }
    }

    private void track(WorkerPool.Job job) {
        jobs.removeIf(WorkerPool.Job::finished);
        jobs.add(job);
    }

    private static OutboundResponse overloaded() {
        return new OutboundResponse(503, List.of(new Header("retry-after", "1")), new byte[0]);
    }

    private static int decodeFailureStatus(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return 431;
        }
        return cause instanceof TooLongHttpLineException ? 414 : 400;
    }

    /** The authority of an absolute-form request target ({@code http://host:port/path}), else null. */
    private static String targetAuthority(String uri) {
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            return null;
        }
        int start = uri.indexOf("//") + 2;
        int slash = uri.indexOf('/', start);
        int end = slash < 0 ? uri.length() : slash;
        int query = uri.indexOf('?', start);
        return uri.substring(start, query >= 0 && query < end ? query : end);
    }

    private InboundRequest toInbound(ChannelHandlerContext ctx, HttpRequest req, byte[] body) {
        String uri = req.uri();
        String authority = targetAuthority(uri);
        if (authority != null) {
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
        return new InboundRequest(req.method().name(), uri, path, query, headers, body,
                (InetSocketAddress) ctx.channel().remoteAddress(), scheme, req.protocolVersion().text());
    }

    /** Where one request's body goes, on the event loop. */
    private interface RequestBody {
        void add(ChannelHandlerContext ctx, ByteBuf bytes);

        void end(ChannelHandlerContext ctx, HttpHeaders trailers);

        boolean wantsMore();
    }

    /** A body read whole for a guest that takes it whole; its guest is submitted when it ends. */
    private final class Aggregated implements RequestBody {
        private final RouteMatch match;
        private final InboundRequest head;
        private final boolean keepAlive;
        private final boolean headRequest;
        private final ByteArrayOutputStream bytes;

        Aggregated(RouteMatch match, InboundRequest head, boolean keepAlive, boolean headRequest, long declaredLength) {
            this.match = match;
            this.head = head;
            this.keepAlive = keepAlive;
            this.headRequest = headRequest;
            this.bytes = new ByteArrayOutputStream((int) Math.min(declaredLength, maxBodyBytes));
        }

        @Override
        public void add(ChannelHandlerContext ctx, ByteBuf content) {
            bytes.writeBytes(ByteBufUtil.getBytes(content));
        }

        @Override
        public void end(ChannelHandlerContext ctx, HttpHeaders trailers) {
            byte[] whole = bytes.toByteArray();
            InboundRequest request = new InboundRequest(head.method(), head.uri(), head.path(), head.query(),
                    head.headers(), whole, head.clientAddress(), head.scheme(), head.protocol());
            WorkerPool.Job job = workers.submit(match.componentId(), whole.length,
                    () -> runGuest(ctx, match, request, keepAlive, headRequest));
            if (job == null) {
                answer(ctx, overloaded(), keepAlive, headRequest);
            } else {
                track(job);
            }
        }

        @Override
        public boolean wantsMore() {
            return true;
        }
    }

    /** A body streamed to its guest: the socket is read as the guest's {@link RequestBodySource} asks. */
    private final class Streamed implements RequestBody {
        private final RequestBodySource source;
        /** A demand handed to the event loop and not yet looked at: the guest's reads post at most one. */
        private final AtomicBoolean demandPosted = new AtomicBoolean();

        Streamed(ChannelHandlerContext ctx) {
            this.source = new RequestBodySource(STREAM_READ_AHEAD, () -> {
                if (demandPosted.compareAndSet(false, true)) {
                    ctx.executor().execute(() -> {
                        demandPosted.set(false);
                        if (body == this && wantsMore()) {
                            demandRead(ctx);
                        }
                    });
                }
            });
        }

        @Override
        public void add(ChannelHandlerContext ctx, ByteBuf bytes) {
            source.offer(bytes);
        }

        @Override
        public void end(ChannelHandlerContext ctx, HttpHeaders trailers) {
            List<Header> list = new ArrayList<>(trailers.size());
            for (Map.Entry<String, String> t : trailers) {
                list.add(new Header(t.getKey().toLowerCase(Locale.ROOT), t.getValue()));
            }
            source.end(list);
        }

        @Override
        public boolean wantsMore() {
            return source.wantsMore();
        }
    }

    /** The rest of a body nobody needs, dropped as it arrives; past {@link #DISCARD_LIMIT} the connection closes. */
    private final class Discarded implements RequestBody {
        private final long start = bodyBytes;

        @Override
        public void add(ChannelHandlerContext ctx, ByteBuf bytes) {
            if (bodyBytes - start > DISCARD_LIMIT) {
                ctx.close();
            }
        }

        @Override
        public void end(ChannelHandlerContext ctx, HttpHeaders trailers) {}

        @Override
        public boolean wantsMore() {
            return true;
        }
    }
}
