package dev.spinj.wasm.host.http;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound requests that never leave the process: requests to the app itself and service-chained
 * requests to {@code <component>.spin.internal} (SPEC2 §3.7), served on this thread through the
 * trigger's {@link AppLoopback}, nested at most {@value #MAX_SELF_DEPTH} deep. Shared by the
 * Spin 1.x/{@code fermyon:spin/http} client and {@code wasi:http/outgoing-handler}.
 */
public final class InProcessRequests {
    static final int MAX_SELF_DEPTH = 16;
    /** The host suffix of a service-chained request's target, {@code http://<component-id>.spin.internal}. */
    static final String CHAINING_SUFFIX = ".spin.internal";
    private static final Logger LOG = LoggerFactory.getLogger(InProcessRequests.class);
    /** How many requests to the app itself the current thread is serving, one inside another. */
    private static final ThreadLocal<Integer> SELF_DEPTH = ThreadLocal.withInitial(() -> 0);

    private final AppOrigin origin;
    private final long maxResponseBytes;

    /** @param maxResponseBytes a larger in-process response fails as a network one would */
    public InProcessRequests(AppOrigin origin, long maxResponseBytes) {
        this.origin = origin;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * Serves the request in-process when {@code url} is a chained component or the app itself (and
     * a trigger that listens announced a loopback); empty when it must go over the network.
     *
     * @param url absolute, already passed by the allow-list
     * @param headers the guest's headers, hop-by-hop ones already dropped
     * @throws OutboundHttpException for chaining without an HTTP trigger, or a response over the limit
     */
    public Optional<HttpReply> serve(String method, URI url, List<Header> headers, byte[] body) throws OutboundHttpException {
        AppLoopback loopback = origin.loopback();
        String chained = chainedComponent(url);
        if (chained != null) {
            if (loopback == null) {
                throw new OutboundHttpException("service chaining to " + url + " needs the HTTP trigger", null);
            }
            return Optional.of(serveInProcess(method, url, headers, body, null, (pathAndQuery, request) -> loopback
                    .serveComponent(chained, method, pathAndQuery, request, body)
                    // Spin traps the caller (HttpError::trap) rather than answering it.
                    .orElseThrow(() -> new TrapException("unknown routing destination '" + chained + "'"))));
        }
        if (loopback != null && origin.isSelf(url)) {
            return Optional.of(serveInProcess(method, url, headers, body, origin.get().getRawAuthority(),
                    (pathAndQuery, request) -> loopback.serve(method, pathAndQuery, request, body)));
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #serve} would serve {@code url} in-process: a chained component, or the app
     * itself while a trigger offers its loopback. Lets a streaming client decide before the body exists.
     */
    public boolean servesInProcess(URI url) {
        return chainedComponent(url) != null || origin.loopback() != null && origin.isSelf(url);
    }

    /** The component id of a service-chained URL ({@code http://<id>.spin.internal[:port]/...}), or null. */
    private static String chainedComponent(URI url) {
        String host = url.getHost();
        if (host == null || !host.toLowerCase(Locale.ROOT).endsWith(CHAINING_SUFFIX)) {
            return null;
        }
        return host.substring(0, host.length() - CHAINING_SUFFIX.length());
    }

    /** One of the two in-process targets: the app itself or a chained component. */
    @FunctionalInterface
    private interface InProcessTarget {
        HttpReply serve(String pathAndQuery, List<Header> request);
    }

    /**
     * The request as the trigger would have received it over loopback: the guest's headers, then
     * {@code host} (unless null, as for chaining) and {@code content-length}; {@code spin-*}
     * headers are the trigger's to set.
     */
    private HttpReply serveInProcess(String method, URI url, List<Header> headers, byte[] body, String host,
            InProcessTarget target) throws OutboundHttpException {
        int depth = SELF_DEPTH.get();
        if (depth >= MAX_SELF_DEPTH) {
            LOG.warn("Request to the app itself at {} refused: {} requests to the app are already nested on this thread",
                    url, depth);
            return framed(new HttpReply(508, List.of(new Header("content-type", "text/plain")),
                    ("Loop Detected: more than " + MAX_SELF_DEPTH + " nested requests to the app itself\n")
                            .getBytes(StandardCharsets.UTF_8)), method);
        }
        List<Header> request = new ArrayList<>();
        for (Header header : headers) {
            if (!header.name().toLowerCase(Locale.ROOT).startsWith("spin-")) {
                request.add(header);
            }
        }
        if (host != null) {
            request.add(new Header("host", host));
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            request.add(new Header("content-length", Integer.toString(body.length)));
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String pathAndQuery = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        HttpReply reply;
        SELF_DEPTH.set(depth + 1);
        try {
            reply = target.serve(pathAndQuery, request);
        } finally {
            SELF_DEPTH.set(depth);
        }
        if (reply.body().length > maxResponseBytes) {
            throw new OutboundHttpException("response from " + url + ": body exceeds the limit of " + maxResponseBytes + " bytes", null);
        }
        return framed(reply, method);
    }

    /** The response as it would arrive over the wire: the server's framing, no hop-by-hop headers. */
    private static HttpReply framed(HttpReply reply, String method) {
        List<Header> headers = new ArrayList<>();
        for (Header header : reply.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!ForwardedHeaders.isHopByHop(name)) {
                headers.add(new Header(name, header.value()));
            }
        }
        int status = reply.status();
        if (status >= 200 && status != 204 && status != 304) {
            headers.add(new Header("content-length", Integer.toString(reply.body().length)));
        }
        return new HttpReply(status, headers, method.equals("HEAD") ? new byte[0] : reply.body());
    }
}
