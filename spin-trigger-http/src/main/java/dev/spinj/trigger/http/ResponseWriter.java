package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Response heads with framing of our own (RFC 9110/9112): the guest's framing headers dropped, no
 * body on HEAD, 204 and 304, no {@code content-length} on 204 and 304, 500 for a 1xx, an
 * IMF-fixdate {@code Date}, {@code connection} from keep-alive. Writes whole responses (closing the
 * connection after one unless kept alive) and builds the heads of streamed ones.
 * (205 needs nothing here: Netty's encoder sends it with {@code content-length: 0} and no body.)
 */
final class ResponseWriter {
    /** Framing headers are ours to compute, whatever a guest says. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");
    /** RFC 9110 5.6.7: two-digit day, English names, always GMT. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Clock clock;

    ResponseWriter(Clock clock) {
        this.clock = clock;
    }

    /** HTTP/1.1 has no final 1xx response (the client would wait for another): 500, as Spin's hyper answers. */
    static boolean isFinal(int status) {
        return status >= 200;
    }

    /** Whether a response with this status (and to this request method) carries no body. */
    static boolean isBodiless(int status, boolean headRequest) {
        return headRequest || status == 204 || status == 304;
    }

    /** Writes and flushes a whole response; the future completes once it is written (and closed, unless kept alive). */
    ChannelFuture write(ChannelHandlerContext ctx, OutboundResponse response, boolean keepAlive, boolean head) {
        OutboundResponse answer = isFinal(response.status()) ? response : OutboundResponse.empty(500);
        int status = answer.status();
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                isBodiless(status, head) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        // HEAD gets the length a GET would have
        frame(out.headers(), status, answer.headers(), answer.body().length, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(out);
        return keepAlive ? written : written.addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The head of a streamed response: {@code content-length} when the length is known, else
     * chunked, or (when the client cannot take chunks) delimited by closing the connection.
     *
     * @param status a final status ({@link #isFinal})
     * @param contentLength the body's length, or -1 when unknown
     * @param chunked whether an unknown length is sent chunked; the caller closes the connection otherwise
     */
    HttpResponse streamedHead(int status, List<Header> headers, long contentLength, boolean keepAlive, boolean chunked) {
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        frame(out.headers(), status, headers, contentLength, keepAlive);
        if (contentLength < 0 && chunked && status != 204 && status != 304) {
            out.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return out;
    }

    private void frame(HttpHeaders out, int status, List<Header> headers, long contentLength, boolean keepAlive) {
        for (Header h : headers) {
            if (!FRAMING.contains(h.name().toLowerCase(Locale.ROOT))) {
                out.add(h.name(), h.value());
            }
        }
        if (contentLength >= 0 && status != 204 && status != 304) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        out.set(HttpHeaderNames.DATE, IMF_FIXDATE.format(clock.instant()));
        out.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }
}
