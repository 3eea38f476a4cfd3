package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How far a streamed request body reads ahead of its guest, and what the guest reads. */
class RequestBodySourceTest {
    private final AtomicInteger demands = new AtomicInteger();
    private final RequestBodySource source = new RequestBodySource(10, demands::incrementAndGet);

    private void offer(String text) {
        source.offer(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private static String text(ByteBuffer bytes) {
        return StandardCharsets.US_ASCII.decode(bytes).toString();
    }

    @Test
    void nothingIsReadFromTheSocketBeforeTheGuestAsks() throws IOException {
        assertFalse(source.wantsMore());
        assertEquals(0, source.read(100).remaining());
        assertTrue(source.wantsMore());
        assertEquals(1, demands.get());
    }

    @Test
    void readingAheadStopsAtTheBoundAndResumesAsTheGuestReads() throws IOException {
        source.read(1);
        offer("0123456");
        assertTrue(source.wantsMore());
        offer("789ab");
        assertFalse(source.wantsMore(), "12 bytes buffered, bound 10");
        assertEquals("0123", text(source.read(4)));
        assertTrue(source.wantsMore());
        assertEquals(2, demands.get(), "the read below the bound told the event loop");
    }

    @Test
    void aReadJoinsChunksUpToItsMaximum() throws IOException {
        source.read(1);
        offer("abc");
        offer("def");
        offer("gh");
        assertEquals("abcdefg", text(source.read(7)));
        assertEquals("h", text(source.read(7)));
    }

    @Test
    void theEndComesAfterTheBytesWithTheTrailers() throws IOException {
        source.read(1);
        offer("last");
        source.end(List.of(new Header("x-t", "1")));
        assertEquals("last", text(source.read(100)));
        assertSame(ByteSource.END, source.read(100));
        assertEquals("x-t", source.trailers().get(0).name());
    }

    @Test
    void aFailedBodyFailsTheNextReadAndWakesAWaitingReader() {
        var woken = new AtomicInteger();
        source.whenReadable(woken::incrementAndGet);
        source.fail(new IOException("client gone"));
        assertEquals(1, woken.get());
        assertThrows(IOException.class, () -> source.read(10));
    }
}
