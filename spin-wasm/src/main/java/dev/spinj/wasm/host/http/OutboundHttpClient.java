package dev.spinj.wasm.host.http;

import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The app's one {@link HttpClient}: shared by every instance so connections are reused, with
 * the connect timeout, total timeout and response size cap of {@link OutboundHttpSettings}.
 */
final class OutboundHttpClient {
    /** The JDK refuses to send these (CHICORY-AND-DEPS.md 6); it derives them from the request itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    record Response(int status, List<Header> headers, byte[] body) {}

    private final OutboundHttpSettings settings;
    private HttpClient client;

    OutboundHttpClient(OutboundHttpSettings settings) {
        this.settings = settings;
    }

    /** Built on first use: creating it sets up TLS, a third of a trigger's startup for apps that never call out. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    /**
     * @param headers in guest order; a later duplicate name replaces an earlier one, as Spin's
     *     header map does
     */
    Response send(String method, URI url, List<Header> headers, byte[] body) throws OutboundHttpException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                    .timeout(settings.totalTimeout())
                    .method(method, body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            Map<String, Header> byName = new LinkedHashMap<>();
            for (Header header : headers) {
                byName.put(header.name().toLowerCase(Locale.ROOT), header);
            }
            for (Header header : byName.values()) {
                if (!RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))) {
                    builder.header(header.name(), header.value());
                }
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw new OutboundHttpException("invalid request to " + url + ": " + e.getMessage(), e);
        }
        CompletableFuture<HttpResponse<byte[]>> pending =
                client().sendAsync(request, info -> new CappedBodySubscriber(settings.maxResponseBytes()));
        try {
            HttpResponse<byte[]> response = pending.get(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), headers(response), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new OutboundHttpException("request to " + url + " timed out after " + settings.totalTimeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new OutboundHttpException("request to " + url + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            // The guest's deadline: give up on the request and let the interrupt end the guest call.
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new OutboundHttpException("request to " + url + " interrupted", e);
        }
    }

    /** Every response header, one tuple per value, names in lower case (as hyper hands them to Spin). */
    private static List<Header> headers(HttpResponse<?> response) {
        List<Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                for (String value : values) {
                    headers.add(new Header(name.toLowerCase(Locale.ROOT), value));
                }
            }
        });
        return headers;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
