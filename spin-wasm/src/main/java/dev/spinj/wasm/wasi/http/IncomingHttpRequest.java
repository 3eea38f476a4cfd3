package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import java.util.List;

/**
 * What the trigger hands a {@code wasi:http} guest. The scheme is always {@code http} for p2, even
 * on a TLS listener (SPEC2 §3.2), so it is not carried here.
 *
 * @param method the request method as received (non-standard ones become {@code other})
 * @param authority from the Host header or the request target, e.g. {@code 127.0.0.1:3000}
 * @param pathWithQuery the raw path and query, percent-encoding preserved
 * @param headers lower-case names, one entry per value, already including the {@code spin-*}
 *     headers and with nothing removed: the host removes the forbidden ones
 * @param body the request body, streamed
 */
public record IncomingHttpRequest(String method, String authority, String pathWithQuery, List<Header> headers,
        ByteSource body) {
    public IncomingHttpRequest {
        headers = List.copyOf(headers);
    }
}
