package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Responses framed as RFC 9110/9112 require: the {@code Date} format, and no length or body where
 * HTTP forbids them. Bytes from Netty's real encoder, or over a raw socket from the probe guest.
 */
@Timeout(60)
class ResponseFramingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The bytes {@link ResponseWriter} puts on the wire for {@code response}, at {@code now}. */
    private static String encode(OutboundResponse response, Instant now) {
        var channel = new EmbeddedChannel(new HttpResponseEncoder(), new ChannelInboundHandlerAdapter());
        new ResponseWriter(Clock.fixed(now, ZoneOffset.UTC)).write(channel.pipeline().lastContext(), response, true, false);
        var wire = new StringBuilder();
        for (ByteBuf part; (part = channel.readOutbound()) != null; part.release()) {
            wire.append(part.toString(StandardCharsets.US_ASCII));
        }
        channel.finishAndReleaseAll();
        return wire.toString();
    }

    @Test
    void dateOnTheFirstOfTheMonthHasATwoDigitDay() {
        String wire = encode(OutboundResponse.empty(200), Instant.parse("2026-12-01T08:09:05Z"));
        assertTrue(wire.contains("\r\ndate: Tue, 01 Dec 2026 08:09:05 GMT\r\n"), wire);
    }

    @Test
    void aGuest1xxStatusIsAnswered500() throws Exception {
        try (RunningApp app = RunningApp.start("abi-probe"); RawConnection connection = app.connect()) {
            RawConnection.Response response = connection.send("GET /a/status/103 HTTP/1.1\r\nHost: localhost\r\n\r\n").read(WAIT);
            assertEquals(500, response.status());
            assertEquals("0", response.header("content-length"));
        }
    }

    @Test
    void noContentCarriesNoContentLength() throws Exception {
        try (RunningApp app = RunningApp.start("abi-probe"); RawConnection connection = app.connect()) {
            RawConnection.Response noContent = connection.send("GET /a/status/204 HTTP/1.1\r\nHost: localhost\r\n\r\n").read(WAIT);
            assertEquals(204, noContent.status());
            assertNull(noContent.header("content-length"), noContent.head());
            String next = "GET /a/flavour HTTP/1.1\r\nHost: localhost\r\n\r\n";
            assertEquals("a", connection.send(next).read(WAIT).body(), "the next response follows the head directly");
        }
    }

    @Test
    void notModifiedCarriesNoContentLength() throws Exception {
        try (RunningApp app = RunningApp.start("abi-probe"); RawConnection connection = app.connect()) {
            RawConnection.Response notModified = connection.send("GET /a/status/304 HTTP/1.1\r\nHost: localhost\r\n\r\n").read(WAIT);
            assertEquals(304, notModified.status());
            assertNull(notModified.header("content-length"), notModified.head());
            String next = "GET /a/flavour HTTP/1.1\r\nHost: localhost\r\n\r\n";
            assertEquals("a", connection.send(next).read(WAIT).body(), "the next response follows the head directly");
        }
    }
}
