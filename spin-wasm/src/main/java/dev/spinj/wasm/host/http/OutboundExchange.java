package dev.spinj.wasm.host.http;

import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One guest request from the first hop to the final response. Redirects are followed as Spin's
 * client (reqwest) does, up to {@value #MAX_REDIRECTS}, but every hop must pass the component's
 * allow-list, so an allowed host cannot bounce a guest to a forbidden one (Spin issue #1881).
 * Requests to the app itself, and service-chained requests to {@code <component>.spin.internal},
 * are served in-process on this thread ({@link InProcessRequests}).
 */
final class OutboundExchange {
    static final int MAX_REDIRECTS = 10;
    /** Credentials meant for one origin (reqwest's {@code remove_sensitive_headers}). */
    private static final Set<String> SENSITIVE = Set.of("authorization", "cookie", "cookie2", "www-authenticate");
    /** Describe the dropped body of a redirect that turned into a GET. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language",
            "content-location");

    private final OutboundHttpClient client;
    private final AppOrigin origin;
    private final InProcessRequests inProcessRequests;

    OutboundExchange(OutboundHttpClient client, AppOrigin origin, long maxResponseBytes) {
        this.client = client;
        this.origin = origin;
        this.inProcessRequests = new InProcessRequests(origin, maxResponseBytes);
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
        Optional<HttpReply> inProcess = inProcessRequests.serve(method, url, headers, body);
        return inProcess.isPresent() ? inProcess.get() : client.send(method, url, headers, body);
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
