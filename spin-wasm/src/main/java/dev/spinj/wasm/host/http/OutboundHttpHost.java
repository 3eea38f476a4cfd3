package dev.spinj.wasm.host.http;

import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestAbiException;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.host.ErrorResults;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostImport;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi-outbound-http.request} / {@code fermyon:spin/http.send-request} (SPEC 3.1): the
 * allow-list decides before anything touches the network, so a denied request never opens a
 * connection; then {@link OutboundExchange} sends it, checking every redirect hop the same way and
 * serving requests to the app itself in-process.
 */
public final class OutboundHttpHost implements HostInterface {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundHttpHost.class);
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    private static final int DESTINATION_NOT_ALLOWED = 1;
    private static final int RUNTIME_ERROR = 4;

    private final AppAllowLists allowed;
    private final OutboundExchange exchange;
    private final AppOrigin origin;

    private OutboundHttpHost(AppAllowLists allowed, OutboundHttpSettings settings, AppOrigin origin) {
        this.allowed = allowed;
        this.exchange = new OutboundExchange(new OutboundHttpClient(settings), origin, settings.maxResponseBytes());
        this.origin = origin;
    }

    /** @param allowLists every component's allow-list, read once for the app */
    public static OutboundHttpHost forApp(AppAllowLists allowLists, OutboundHttpSettings settings, AppOrigin origin) {
        return new OutboundHttpHost(allowLists, settings, origin);
    }

    @Override
    public String legacyModule() {
        return "wasi-outbound-http";
    }

    @Override
    public String canonicalModule() {
        return "fermyon:spin/http";
    }

    @Override
    public List<HostImport> imports() {
        return List.of(new HostImport("request", "send-request", HostImport.i32Type(11), this::request));
    }

    private long[] request(HostContext ctx, long[] a) {
        CanonicalAbi abi = ctx.abi();
        int method = (int) a[0];
        if (method < 0 || method >= METHODS.length) {
            throw new GuestAbiException("invalid method discriminant " + method);
        }
        String uri = abi.liftString((int) a[1], (int) a[2], "outbound request uri");
        List<Header> headers = abi.liftHeaders((int) a[3], (int) a[4], "outbound request headers");
        List<Header> params = abi.liftHeaders((int) a[5], (int) a[6], "outbound request params");
        if (a[7] < 0 || a[7] > 1) {
            throw new GuestAbiException("invalid body option discriminant " + a[7]);
        }
        byte[] body = a[7] == 1 ? abi.liftBytes((int) a[8], (int) a[9], "outbound request body") : new byte[0];
        int ret = (int) a[10];
        abi.memory().checkRange(ret, 32, "outbound request return area");
        if (!params.isEmpty()) {
            LOG.warn("Component {}: outbound HTTP request params are not supported and are ignored", ctx.componentId());
        }
        HttpReply response;
        try {
            AllowedOutboundHosts hosts = allowed.of(ctx.componentId());
            response = exchange.send(hosts, METHODS[method], target(hosts, uri), headers, body);
        } catch (DestinationNotAllowedException e) {
            LOG.warn("Component {}: {}", ctx.componentId(), e.getMessage());
            ErrorResults.writeEnum(ctx, ret, 4, DESTINATION_NOT_ALLOWED);
            return null;
        } catch (OutboundHttpException e) {
            LOG.warn("Component {}: {}", ctx.componentId(), e.getMessage());
            ErrorResults.writeEnum(ctx, ret, 4, RUNTIME_ERROR);
            return null;
        }
        Slice responseHeaders = abi.lowerHeaders(response.headers());
        Slice responseBody = abi.lowerBytes(response.body());
        GuestMemory memory = abi.memory();
        memory.writeU8(ret, 0);
        memory.writeU16(ret + 4, response.status());
        memory.writeU8(ret + 8, 1);
        memory.writeI32(ret + 12, responseHeaders.ptr());
        memory.writeI32(ret + 16, responseHeaders.len());
        memory.writeU8(ret + 20, 1);
        memory.writeI32(ret + 24, responseBody.ptr());
        memory.writeI32(ret + 28, responseBody.len());
        return null;
    }

    /** The absolute URL to request, once the allow-list passed it. */
    private URI target(AllowedOutboundHosts hosts, String uri) throws DestinationNotAllowedException, OutboundHttpException {
        if (uri.startsWith("/")) {
            if (!hosts.allowsRelative()) {
                throw new DestinationNotAllowedException("relative URL " + uri + " needs 'self' in the allowed hosts");
            }
            URI self = origin.get();
            if (self == null) {
                throw new OutboundHttpException("relative URL " + uri + ": this trigger has no address of its own", null);
            }
            return parse(self + uri);
        }
        URI url = parse(uri);
        if (url.getScheme() == null || url.getHost() == null) {
            throw new OutboundHttpException("invalid URL " + uri + ": no scheme or host", null);
        }
        if (!hosts.allows(url)) {
            throw new DestinationNotAllowedException("A component tried to make a HTTP request to non-allowed host '" + url.getHost() + "'.");
        }
        if (!AllowedOutboundHosts.isHttp(url)) {
            throw new OutboundHttpException("unsupported URL scheme in " + uri, null);
        }
        return url;
    }

    private static URI parse(String uri) throws OutboundHttpException {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new OutboundHttpException("invalid URL " + uri + ": " + e.getMessage(), e);
        }
    }
}
