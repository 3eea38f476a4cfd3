package dev.spinj.wasm.host.http;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guest request from the first hop to the final response. Redirects are followed as Spin's
 * client (reqwest) does, up to {@value #MAX_REDIRECTS}, but every hop must pass the component's
 * allow-list, so an allowed host cannot bounce a guest to a forbidden one (Spin issue #1881).
 * Requests to the app itself, and service-chained requests to {@code <component>.spin.internal},
 * are served in-process on this thread ({@link AppLoopback}), nested at most
 * {@value #MAX_SELF_DEPTH} deep.
 */
final class OutboundExchange {
    static final int MAX_REDIRECTS = 10;
    static final int MAX_SELF_DEPTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(OutboundExchange.class);
    /** Credentials meant for one origin (reqwest's {@code remove_sensitive_headers}). */
    private static final Set<String> SENSITIVE = Set.of("authorization", "cookie", "cookie2", "www-authenticate");
    /** Describe the dropped body of a redirect that turned into a GET. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language",
            "content-location");
    /** How many requests to the app itself the current thread is serving, one inside another. */
    private static final ThreadLocal<Integer> SELF_DEPTH = ThreadLocal.withInitial(() -> 0);
    /** The host suffix of a service-chained request's target, {@code http://<component-id>.spin.internal}. */
    static final String CHAINING_SUFFIX = ".spin.internal";

    private final OutboundHttpClient client;
    private final AppOrigin origin;
    private final long maxResponseBytes;

    OutboundExchange(OutboundHttpClient client, AppOrigin origin, long maxResponseBytes) {
        this.client = client;
        this.origin = origin;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param target the first hop, already passed by the allow-list
     * @param headers the guest's headers, hop-by-hop ones included (they are dropped here)
     */
    HttpReply send(AllowedOutboundHosts allowed, String method, URI target, List<Header> headers, byte[] body)
            throws DestinationNotAllowedException, OutboundHttpException {
        List<Header> forwarded = ForwardedHeaders.of(headers);
        URI url = target;
        for (int redirects = 0; ; redirects++) {
            HttpReply reply = hop(method, url, forwarded, body);
            String location = redirectLocation(reply);
            if (location == null) {
                return reply;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new OutboundHttpException("request to " + target + ": more than " + MAX_REDIRECTS + " redirects", null);
            }
            URI next = resolve(url, location);
            if (!allows(allowed, next)) {
                throw new DestinationNotAllowedException("A redirect from " + url + " tried to take a HTTP request to non-allowed host '"
                        + next.getHost() + "'.");
            }
            int status = reply.status();
            if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                method = "GET";
                body = new byte[0];
                forwarded = without(forwarded, BODY_HEADERS);
            }
            if (!sameOrigin(url, next)) {
                forwarded = without(forwarded, SENSITIVE);
            }
            url = next;
        }
    }

    private HttpReply hop(String method, URI url, List<Header> headers, byte[] body) throws OutboundHttpException {
        AppLoopback loopback = origin.loopback();
        String chained = chainedComponent(url);
        if (chained != null) {
            if (loopback == null) {
                throw new OutboundHttpException("service chaining to " + url + " needs the HTTP trigger", null);
            }
            return serveInProcess(method, url, headers, body, null, (pathAndQuery, request) -> loopback
                    .serveComponent(chained, method, pathAndQuery, request, body)
                    // Spin traps the caller (HttpError::trap) rather than answering it.
                    .orElseThrow(() -> new TrapException("unknown routing destination '" + chained + "'")));
        }
        if (loopback != null && origin.isSelf(url)) {
            return serveInProcess(method, url, headers, body, origin.get().getRawAuthority(),
                    (pathAndQuery, request) -> loopback.serve(method, pathAndQuery, request, body));
        }
        return client.send(method, url, headers, body);
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

    private boolean allows(AllowedOutboundHosts allowed, URI url) {
        if (!AllowedOutboundHosts.isHttp(url) || url.getHost() == null) {
            return false;
        }
        return allowed.allows(url) || origin.isSelf(url) && allowed.allowsRelative();
    }

    /** The {@code location} of a response to follow, or null. */
    private static String redirectLocation(HttpReply reply) {
        int status = reply.status();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        for (Header header : reply.headers()) {
            if (header.name().equalsIgnoreCase("location")) {
                return header.value();
            }
        }
        return null;
    }

    private static URI resolve(URI base, String location) throws OutboundHttpException {
        try {
            // URI.resolve drops the slash between an empty base path and a relative reference.
            URI from = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
            return from.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new OutboundHttpException("redirect from " + base + " to an invalid location " + location, e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private static List<Header> without(List<Header> headers, Set<String> names) {
        return headers.stream().filter(h -> !names.contains(h.name().toLowerCase(Locale.ROOT))).toList();
    }
}
