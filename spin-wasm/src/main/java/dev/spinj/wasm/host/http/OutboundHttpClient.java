package dev.spinj.wasm.host.http;

import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The app's one {@link HttpClient}: shared by every instance so connections are reused, with
 * the connect timeout, total timeout and response size cap of {@link OutboundHttpSettings}. It
 * sends one request and never follows a redirect itself: {@link OutboundExchange} checks every
 * hop against the allow-list first.
 */
final class OutboundHttpClient {
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
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    /**
     * One request, connect to last body byte bounded by the total timeout and by the time the
     * request being served on this thread has left ({@link Deadlines#remaining()}).
     *
     * @param headers already free of hop-by-hop headers ({@link ForwardedHeaders})
     */
    HttpReply send(String method, URI url, List<Header> headers, byte[] body) throws OutboundHttpException {
        Duration timeout = Deadlines.remaining()
                .filter(left -> left.compareTo(settings.totalTimeout()) < 0)
                .orElse(settings.totalTimeout());
        if (timeout.isZero()) {
            throw new OutboundHttpException("request to " + url + " not sent: the request deadline has passed", null);
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .method(method, body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Header header : headers) {
                builder.header(header.name(), header.value());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw new OutboundHttpException("invalid request to " + url + ": " + e.getMessage(), e);
        }
        CompletableFuture<HttpResponse<byte[]>> pending =
                client().sendAsync(request, info -> new CappedBodySubscriber(settings.maxResponseBytes()));
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new HttpReply(response.statusCode(), headers(response), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new OutboundHttpException("request to " + url + " timed out after " + timeout.toMillis() + " ms", e);
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
