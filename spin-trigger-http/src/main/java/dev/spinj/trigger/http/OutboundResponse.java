package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A response ready to send, independent of Netty; {@code body} is never null. */
public record OutboundResponse(int status, List<Header> headers, byte[] body) {

    public static OutboundResponse empty(int status) {
        return new OutboundResponse(status, List.of(), new byte[0]);
    }

    public static OutboundResponse text(int status, String contentType, String body) {
        return new OutboundResponse(status, List.of(new Header("content-type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
