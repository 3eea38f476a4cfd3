package dev.spinj.trigger.http;

import dev.spinj.wasm.host.http.AppLoopback;
import dev.spinj.wasm.host.http.HttpReply;
import dev.spinj.wasm.http.Header;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Serves a guest's request to its own app on the guest's worker thread, through the same
 * {@link RequestDispatcher} as a client's request: routing, Spin headers and the deadline (the
 * nested request ends by its caller's deadline at the latest, as {@code Deadlines} nests).
 * Over a socket it would wait for a free worker, and when every worker's guest waits for its own
 * self request none is ever free.
 */
final class LoopbackDispatch implements AppLoopback {
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
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        InboundRequest request = new InboundRequest(method, pathAndQuery, path, query, headers, body, clientAddress, scheme,
                "HTTP/1.1");
        OutboundResponse response = dispatcher.dispatch(request);
        return new HttpReply(response.status(), response.headers(), response.body());
    }
}
