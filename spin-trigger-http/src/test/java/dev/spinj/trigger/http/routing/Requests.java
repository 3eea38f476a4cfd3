package dev.spinj.trigger.http.routing;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.wasm.http.Header;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds {@link InboundRequest}s for tests, from a method, a path-and-query and headers. */
public final class Requests {

    public static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 8777);

    private Requests() {}

    public static InboundRequest request(String method, String uri, String body, Header... headers) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        return new InboundRequest(method, uri, path, query, List.of(headers),
                body.getBytes(StandardCharsets.UTF_8), CLIENT, "http", "HTTP/1.1");
    }

    public static InboundRequest get(String uri, Header... headers) {
        return request("GET", uri, "", headers);
    }

    public static InboundRequest withScheme(InboundRequest r, String scheme) {
        return new InboundRequest(r.method(), r.uri(), r.path(), r.query(), r.headers(), r.body(),
                r.clientAddress(), scheme, r.protocol());
    }

    public static InboundRequest withClient(InboundRequest r, InetSocketAddress client) {
        return new InboundRequest(r.method(), r.uri(), r.path(), r.query(), r.headers(), r.body(),
                client, r.scheme(), r.protocol());
    }
}
