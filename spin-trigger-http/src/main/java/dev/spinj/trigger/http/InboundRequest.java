package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP request as received, independent of Netty: what routing, the Spin headers and the
 * executors need.
 *
 * @param method the request method as sent, e.g. {@code POST}
 * @param uri path and query as received, still percent-encoded, e.g. {@code /test?abc=def}
 * @param path the path part of {@code uri}
 * @param query the raw query string without {@code ?}; empty when there is none
 * @param headers every request header, names lower-cased, one entry per value, in arrival order
 * @param body the whole (de-chunked) body; never null
 * @param clientAddress the TCP peer
 * @param scheme {@code http} or {@code https}, from the listener
 * @param protocol the protocol version as Spin prints it, e.g. {@code HTTP/1.1}
 */
public record InboundRequest(
        String method,
        String uri,
        String path,
        String query,
        List<Header> headers,
        byte[] body,
        InetSocketAddress clientAddress,
        String scheme,
        String protocol) {

    /** This request with an empty body, for an executor that takes the bytes as a stream. */
    public InboundRequest withoutBody() {
        return new InboundRequest(method, uri, path, query, headers, new byte[0], clientAddress, scheme, protocol);
    }

    /** This request with a {@code host} header added. */
    public InboundRequest withHost(String host) {
        List<Header> withHost = new ArrayList<>(headers);
        withHost.add(new Header("host", host));
        return new InboundRequest(method, uri, path, query, withHost, body, clientAddress, scheme, protocol);
    }

    /** The first {@code host} header, or null. */
    public String host() {
        return firstHeader("host");
    }

    /** The first value of a header (name in lower case), or null. */
    public String firstHeader(String lowerCaseName) {
        for (Header h : headers) {
            if (h.name().equals(lowerCaseName)) {
                return h.value();
            }
        }
        return null;
    }

    /** {@code <scheme>://<Host header or "localhost"><path?query>}, as {@code spin-full-url}. */
    public String fullUrl() {
        String host = host();
        return scheme + "://" + (host == null ? "localhost" : host) + uri;
    }
}
