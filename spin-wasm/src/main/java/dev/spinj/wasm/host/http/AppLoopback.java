package dev.spinj.wasm.host.http;

import dev.spinj.wasm.http.Header;
import java.util.List;

/**
 * Serves a request to the app itself on the calling thread, the way the trigger serves a client,
 * without a socket or a second worker: a guest waiting for its own app can then never wait for a
 * worker it holds itself. The trigger that listens provides it, with {@link AppOrigin#announce}.
 */
@FunctionalInterface
public interface AppLoopback {
    /**
     * @param pathAndQuery e.g. {@code /hello?x=1}, still percent-encoded
     * @param headers the request headers as they would arrive over the wire, names in lower case
     *     ({@code host} and {@code content-length} included, nothing hop-by-hop)
     * @return the response as the app's router and executor produced it, before any framing
     */
    HttpReply serve(String method, String pathAndQuery, List<Header> headers, byte[] body);
}
