package dev.spinj.trigger.http;

import dev.spinj.wasm.host.http.AppLoopback;
import dev.spinj.wasm.host.http.HttpReply;
import dev.spinj.wasm.http.Header;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Serves a guest's request to its own app on the guest's worker thread, through the same
 * {@link RequestDispatcher} as a client's request: routing, Spin headers and the deadline (the
 * nested request ends by its caller's deadline at the latest, as {@code Deadlines} nests).
 * Over a socket it would wait for a free worker, and when every worker's guest waits for its own
 * self request none is ever free. Service-chained requests take the same way, straight to their
 * component ({@link dev.spinj.trigger.http.routing.Router#routeToComponent}).
 */
final class LoopbackDispatch implements AppLoopback {
    /** Spin's client address for a service-chained request. */
    private static final InetSocketAddress CHAINED_CLIENT = new InetSocketAddress("0.0.0.0", 0);

    private final RequestDispatcher dispatcher;
    private final String scheme;
    /** The peer a loopback connection would have had; port 0, since no socket exists. */
    private final InetSocketAddress clientAddress;

    LoopbackDispatch(RequestDispatcher dispatcher, String scheme, InetSocketAddress listener) {
        this.dispatcher = dispatcher;
        this.scheme = scheme;
        InetAddress local = listener.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : listener.getAddress();
        this.clientAddress = new InetSocketAddress(local, 0);
    }

    @Override
    public HttpReply serve(String method, String pathAndQuery, List<Header> headers, byte[] body) {
        return reply(dispatcher.dispatch(request(method, pathAndQuery, headers, body, clientAddress, scheme)));
    }

    /** Spin serves a chained request as plain HTTP from {@code 0.0.0.0:0}, whatever the listener. */
    @Override
    public Optional<HttpReply> serveComponent(String componentId, String method, String pathAndQuery, List<Header> headers,
            byte[] body) {
        InboundRequest request = request(method, pathAndQuery, headers, body, CHAINED_CLIENT, "http");
        return dispatcher.executeChained(componentId, request).map(LoopbackDispatch::reply);
    }

    private static InboundRequest request(String method, String pathAndQuery, List<Header> headers, byte[] body,
            InetSocketAddress client, String scheme) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        return new InboundRequest(method, pathAndQuery, path, query, headers, body, client, scheme, "HTTP/1.1");
    }

    private static HttpReply reply(OutboundResponse response) {
        return new HttpReply(response.status(), response.headers(), response.body());
    }
}
