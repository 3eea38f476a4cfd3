package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.VariantValue;
import dev.spinj.wasm.http.Header;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound requests that go over the network, through the JDK client, streaming both ways: the
 * request body as the guest writes it, the response body as the guest reads it. Redirects are
 * not followed (wasi:http leaves that to the guest). One client per connect timeout, shared by
 * the app's instances so connections are reused.
 */
final class NetworkExchange {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkExchange.class);

    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * Starts the exchange; the returned future completes with an {@link IncomingResponse} once the
     * response head arrives, or with an {@code error-code}.
     *
     * @param headers already free of hop-by-hop headers
     * @param body the guest's body, attached here, or empty for none
     */
    FutureIncomingResponse send(String method, URI url, List<Header> headers, Optional<OutgoingBody> body,
            RequestOptions options) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                    .timeout(RequestOptions.orDefault(options.firstByteTimeout))
                    .method(method, publisher(body));
            for (Header header : headers) {
                builder.header(header.name(), header.value());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // the JDK refuses a header (or the URL) hyper would refuse too: wasmtime's http_request_error
            LOG.warn("Outbound request to {} not sent: {}", url, e.getMessage());
            return failed(ErrorCodes.of("HTTP-protocol-error"));
        }
        Duration betweenBytes = RequestOptions.orDefault(options.betweenBytesTimeout);
        // ofPublisher completes with the head; the body then streams at the guest's pace.
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
                client(RequestOptions.orDefault(options.connectTimeout)).sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        pending.whenComplete((response, failure) -> outcome.complete(failure == null ? incoming(response, betweenBytes)
                : errorCode(url, failure)));
        return new FutureIncomingResponse(outcome, () -> pending.cancel(true));
    }

    private static IncomingResponse incoming(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, Duration betweenBytes) {
        StreamedResponseBody body = new StreamedResponseBody(betweenBytes);
        response.body().subscribe(body);
        return new IncomingResponse(response.statusCode(), Fields.received(headers(response)), new IncomingBody(body));
    }

    private static FutureIncomingResponse failed(VariantValue code) {
        return new FutureIncomingResponse(CompletableFuture.completedFuture(code), () -> {});
    }

    private static HttpRequest.BodyPublisher publisher(Optional<OutgoingBody> body) {
        if (body.isEmpty() || body.get().declared() == 0) {
            body.ifPresent(b -> b.attach(new RequestBodyPublisher()));
            return HttpRequest.BodyPublishers.noBody();
        }
        RequestBodyPublisher publisher = new RequestBodyPublisher();
        body.get().attach(publisher);
        long declared = body.get().declared();
        return declared > 0 ? HttpRequest.BodyPublishers.fromPublisher(publisher, declared)
                : HttpRequest.BodyPublishers.fromPublisher(publisher);
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** The {@code error-code} for a failed exchange, as wasmtime and Spin map theirs (SPEC2 §3.7 steps 6–8). */
    static VariantValue errorCode(URI url, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.debug("Outbound request to {} failed", url, cause);
        if (cause instanceof HttpConnectTimeoutException) {
            return ErrorCodes.of("connection-timeout");
        }
        if (cause instanceof HttpTimeoutException) {
            return ErrorCodes.of("connection-read-timeout");
        }
        if (unresolved(cause)) {
            return ErrorCodes.dnsError("address not available");
        }
        if (cause instanceof ConnectException) {
            return ErrorCodes.of("connection-refused");
        }
        if (cause instanceof SSLException) {
            return ErrorCodes.of("TLS-protocol-error");
        }
        if (cause instanceof IOException) {
            return ErrorCodes.of("HTTP-protocol-error");
        }
        return ErrorCodes.internal(String.valueOf(cause.getMessage()));
    }

    private static boolean unresolved(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** Every response header, one per value, names in lower case. */
    private static List<Header> headers(HttpResponse<?> response) {
        List<Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> headers.add(new Header(name.toLowerCase(Locale.ROOT), v)));
            }
        });
        return headers;
    }
}
