package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Writes one response with framing of our own (RFC 9110/9112): the guest's framing headers
 * dropped, no body on HEAD, 204 and 304, no {@code content-length} on 204 and 304, 500 for a
 * 1xx, an IMF-fixdate {@code Date}; closes the connection after it unless kept alive.
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

    void write(ChannelHandlerContext ctx, OutboundResponse response, boolean keepAlive, boolean head) {
        // HTTP/1.1 has no final 1xx response (the client would wait for another): 500, as Spin's hyper answers
        OutboundResponse answer = response.status() < 200 ? OutboundResponse.empty(500) : response;
        int status = answer.status();
        boolean noContent = status == 204 || status == 304;
        boolean bodiless = head || noContent;
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                bodiless ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        for (Header h : answer.headers()) {
            if (!FRAMING.contains(h.name().toLowerCase(Locale.ROOT))) {
                out.headers().add(h.name(), h.value());
            }
        }
        if (!noContent) {
            // HEAD gets the length a GET would have
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        }
        out.headers().set(HttpHeaderNames.DATE, IMF_FIXDATE.format(clock.instant()));
        if (keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(out);
        } else {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
