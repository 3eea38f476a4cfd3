package dev.spinj.wasm.host.http;

import dev.spinj.wasm.http.Header;
import java.util.List;
import java.util.Optional;

/**
 * Serves a request to the app itself on the calling thread, the way the trigger serves a client,
 * without a socket or a second worker: a guest waiting for its own app can then never wait for a
 * worker it holds itself. The trigger that listens provides it, with {@link AppOrigin#announce}.
 */
public interface AppLoopback {
    /**
     * @param pathAndQuery e.g. {@code /hello?x=1}, still percent-encoded
     * @param headers the request headers as they would arrive over the wire, names in lower case
     *     ({@code host} and {@code content-length} included, nothing hop-by-hop)
     * @return the response as the app's router and executor produced it, before any framing
     */
    HttpReply serve(String method, String pathAndQuery, List<Header> headers, byte[] body);

    /**
     * Serves a service-chained request ({@code http://<componentId>.spin.internal<pathAndQuery>},
     * SPEC2 3.7) to that component directly, private route or not, as Spin does: from client
     * {@code 0.0.0.0:0} over plain HTTP.
     *
     * @param headers as for {@link #serve}, but without {@code host} (Spin drops it)
     * @return the response, or empty when no HTTP trigger serves {@code componentId}
     */
    Optional<HttpReply> serveComponent(String componentId, String method, String pathAndQuery, List<Header> headers,
            byte[] body);
}
