package dev.spinj.wasm.wasi.http;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wit.Wit.param;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.host.http.AppOrigin;
import dev.spinj.wasm.host.http.ForwardedHeaders;
import dev.spinj.wasm.host.http.HttpReply;
import dev.spinj.wasm.host.http.InProcessRequests;
import dev.spinj.wasm.host.http.OutboundHttpException;
import dev.spinj.wasm.host.http.OutboundHttpSettings;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.wasi.p2.WasiVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:http/outgoing-handler@0.2.0.handle} as Spin 3+ does it (SPEC2 §3.7): malformed
 * method or scheme fail at once; the allow-list is checked before any connection and a denial
 * arrives through the future as {@code HTTP-request-denied}; requests to the app itself and to
 * {@code <id>.spin.internal} are served in-process once the guest finishes the body; everything
 * else streams over the network.
 */
final class OutgoingHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingHandler.class);

    private final HttpWitTypes t;
    private final AppAllowLists allowLists;
    private final AppOrigin origin;
    private final InProcessRequests inProcess;
    private final long maxInProcessBody;
    private final NetworkExchange network = new NetworkExchange();

    OutgoingHandler(HttpWitTypes types, AppAllowLists allowLists, OutboundHttpSettings settings, AppOrigin origin) {
        this.t = types;
        this.allowLists = allowLists;
        this.origin = origin;
        this.maxInProcessBody = settings.maxResponseBytes();
        this.inProcess = new InProcessRequests(origin, settings.maxResponseBytes());
    }

    HostInstance build(WasiVersion version) {
        return version == WasiVersion.RC_2023_10_18 ? build20231018() : build();
    }

    private HostInstance build() {
        HostInstance.Builder b = HostInstance.builder();
        for (ResourceType r : List.of(t.outgoingRequest, t.requestOptions, t.futureIncomingResponse)) {
            b.resource(r.name(), r, (type, rep) -> HttpResources.current().drop(rep));
        }
        return b.function("handle", ComponentFunction.of(func(new ResultType(own(t.futureIncomingResponse), t.errorCode),
                        param("request", own(t.outgoingRequest)), param("options", new OptionType(own(t.requestOptions)))),
                a -> {
                    HttpResources resources = HttpResources.current();
                    OutgoingRequest request = resources.take(a[0], OutgoingRequest.class);
                    RequestOptions options = ((Optional<?>) a[1]).map(rep -> resources.take(rep, RequestOptions.class))
                            .orElseGet(RequestOptions::new);
                    ResultValue sent = handle(request, options);
                    return sent instanceof ResultValue.Ok ok ? ResultValue.ok(resources.add(ok.value())) : sent;
                }))
                .build();
    }

    /**
     * {@code 0.2.0-rc-2023-10-18}: the options are a record of optional u32 milliseconds, and an
     * error is the candidate's {@code error} ({@code unexpected-error} naming the code).
     */
    private HostInstance build20231018() {
        HostInstance.Builder b = HostInstance.builder();
        for (ResourceType r : List.of(t.outgoingRequest, t.futureIncomingResponse)) {
            b.resource(r.name(), r, (type, rep) -> HttpResources.current().drop(rep));
        }
        ValType optMillis = new OptionType(Primitive.U32);
        ValType options = new RecordType(List.of(new Field("connect-timeout-ms", optMillis),
                new Field("first-byte-timeout-ms", optMillis), new Field("between-bytes-timeout-ms", optMillis)));
        return b.function("handle", ComponentFunction.of(func(new ResultType(own(t.futureIncomingResponse), t.error20231018),
                        param("request", own(t.outgoingRequest)), param("options", new OptionType(options))),
                a -> {
                    HttpResources resources = HttpResources.current();
                    OutgoingRequest request = resources.take(a[0], OutgoingRequest.class);
                    RequestOptions timeouts = new RequestOptions();
                    ((Optional<?>) a[1]).ifPresent(o -> {
                        RecordValue record = (RecordValue) o;
                        timeouts.connectTimeout = millisAsNanos(record.get(0));
                        timeouts.firstByteTimeout = millisAsNanos(record.get(1));
                        timeouts.betweenBytesTimeout = millisAsNanos(record.get(2));
                    });
                    ResultValue sent = handle(request, timeouts);
                    return sent instanceof ResultValue.Ok ok ? ResultValue.ok(resources.add(ok.value()))
                            : ResultValue.err(ErrorCodes.as20231018(sent.value()));
                }))
                .build();
    }

    private static Optional<Long> millisAsNanos(Object millis) {
        return ((Optional<?>) millis).map(ms -> (Long) ms * 1_000_000L);
    }

    /** {@code ok(future-incoming-response)} (as a {@link FutureIncomingResponse}) or {@code err(error-code)}. */
    private ResultValue handle(OutgoingRequest request, RequestOptions options) {
        String method = methodName(request.method());
        VariantValue scheme = request.scheme().orElse(VariantValue.of("HTTPS"));
        if (scheme.label().equals("other")) {
            return ResultValue.err(ErrorCodes.of("HTTP-protocol-error"));
        }
        String authority = request.authority().orElse("");
        String path = request.pathWithQuery().filter(p -> !p.isEmpty()).orElse("/");
        if (!path.startsWith("/")) {
            return ResultValue.err(ErrorCodes.of("HTTP-request-URI-invalid"));
        }
        String componentId = HostContext.current().componentId();
        AllowedOutboundHosts allowed = allowLists.of(componentId);
        Optional<OutgoingBody> body = request.takenBody();
        URI url;
        if (hostOf(authority).isEmpty()) {
            // No host: a request to the app itself (Spin resets wasmtime's `https://:443/...` to the path).
            if (allowed == null || !allowed.allowsRelative()) {
                LOG.warn("Component {}: A component tried to make an HTTP request to its own app but it does not have permission.",
                        componentId);
                return ResultValue.ok(refused(body, ErrorCodes.of("HTTP-request-denied")));
            }
            if (origin.get() == null) {
                return ResultValue.ok(refused(body, ErrorCodes.of("HTTP-request-URI-invalid")));
            }
            url = parse(origin.get() + path);
        } else {
            url = parse(scheme.label().toLowerCase(Locale.ROOT) + "://" + authority + path);
            if (url != null && (allowed == null || !allowed.allows(url))) {
                LOG.warn("Component {}: A component tried to make an outbound network connection to disallowed destination '{}://{}'.",
                        componentId, url.getScheme(), authority);
                return ResultValue.ok(refused(body, ErrorCodes.of("HTTP-request-denied")));
            }
        }
        if (url == null) {
            return ResultValue.err(ErrorCodes.of("HTTP-request-URI-invalid"));
        }
        List<Header> headers = request.headers().headers().stream().filter(h -> !ForwardedHeaders.isHopByHop(h.name())).toList();
        if (inProcess.servesInProcess(url)) {
            return ResultValue.ok(inProcess(method, url, headers, body));
        }
        return ResultValue.ok(network.send(method, url, headers, body, options));
    }

    private static String methodName(VariantValue method) {
        return method.label().equals("other") ? (String) method.value() : method.label().toUpperCase(Locale.ROOT);
    }

    /** The host part of {@code [userinfo@]host[:port]}; empty for none. */
    private static String hostOf(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            return hostPort;
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A request that is never sent: its body (if the guest took one) goes nowhere, the future fails with {@code code}. */
    private FutureIncomingResponse refused(Optional<OutgoingBody> body, VariantValue code) {
        body.ifPresent(b -> b.attach(new CollectedBody(maxInProcessBody, bytes -> {}, () -> {})));
        return new FutureIncomingResponse(CompletableFuture.completedFuture(code), () -> {});
    }

    /**
     * A request to the app itself or a chained component: served on this thread once the body is
     * complete, which is now when the guest took no body or already finished it.
     */
    private FutureIncomingResponse inProcess(String method, URI url, List<Header> headers, Optional<OutgoingBody> body) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        if (body.isPresent()) {
            body.get().attach(new CollectedBody(maxInProcessBody, bytes -> outcome.complete(serve(method, url, headers, bytes)),
                    () -> outcome.complete(ErrorCodes.of("HTTP-protocol-error"))));
        } else {
            outcome.complete(serve(method, url, headers, new byte[0]));
        }
        return new FutureIncomingResponse(outcome, () -> {});
    }

    private Object serve(String method, URI url, List<Header> headers, byte[] body) {
        try {
            HttpReply reply = inProcess.serve(method, url, headers, body).orElseThrow();
            return new IncomingResponse(reply.status(), Fields.received(reply.headers()), new IncomingBody(new ReplyBody(reply.body())));
        } catch (OutboundHttpException e) {
            LOG.warn("Outbound request to {} failed: {}", url, e.getMessage());
            return ErrorCodes.internal(e.getMessage());
        }
    }
}
