package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.host.http.AppOrigin;
import dev.spinj.wasm.host.http.OutboundHttpSettings;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.variables.Variables;
import dev.spinj.wasm.wasi.p2.WasiP2Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * http-guest.c (src/test/resources/wasihttp, a wasi:http component) on the wasi:http and WASI 0.2 hosts, Chicory and the component-model engine: one fresh
 * instance, in its own HostContext, per request, as ComponentPre makes them. Closing closes
 * every instance's context.
 */
final class HttpGuest implements AutoCloseable {
    private static final Component P2 = parse("http-guest.wasm");
    private static final Component RC_2023_11_10 = parse("http-guest-2023-11-10.wasm");
    private static final Component RC_2023_10_18 = parse("http-guest-2023-10-18.wasm");

    final AppOrigin origin = new AppOrigin();
    private final Component component;
    private final String export;
    private final List<HostContext> contexts = new ArrayList<>();
    private WasiHttpHost lastHost;

    private HttpGuest(Component component, String export) {
        this.component = component;
        this.export = export;
    }

    /** The guest built against wasi:http@0.2.12. */
    static HttpGuest p2() {
        return new HttpGuest(P2, "wasi:http/incoming-handler@0.2.12");
    }

    /** The same guest built against the wasi:http@0.2.0-rc-2023-11-10 Spin 2.1 guests import. */
    static HttpGuest rc20231110() {
        return new HttpGuest(RC_2023_11_10, "wasi:http/incoming-handler@0.2.0-rc-2023-11-10");
    }

    /** http-guest-2023-10-18.c, a Spin 2.0-era guest of wasi:http@0.2.0-rc-2023-10-18. */
    static HttpGuest rc20231018() {
        return new HttpGuest(RC_2023_10_18, "wasi:http/incoming-handler@0.2.0-rc-2023-10-18");
    }

    private static Component parse(String file) {
        try (InputStream in = HttpGuest.class.getResourceAsStream("/wasihttp/" + file)) {
            return ComponentParser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IncomingHttpRequest get(String path, Header... headers) {
        return new IncomingHttpRequest("GET", "example.com:3000", path, List.of(headers), RequestBody.empty());
    }

    /** Runs one request on a fresh instance, the component allowed to reach {@code allowedHosts}. */
    HandlerOutcome handle(IncomingHttpRequest request, RecordingOutlet outlet, String... allowedHosts) {
        LockedComponent locked = new LockedComponent("guest", Map.of("allowed_outbound_hosts", List.of(allowedHosts)),
                null, null, null, null);
        LockedApp app = new LockedApp(1, Map.of("triggers", Map.of()), Map.of(), List.of(), List.of(locked));
        WasiP2Host wasi = new WasiP2Host(WasiP2Host.Config.of(Map.of()));
        Linker linker = wasi.addTo(new Linker());
        lastHost = new WasiHttpHost(wasi.streams(), AppAllowLists.forApp(app, new Variables(Map.of(), List.of())),
                OutboundHttpSettings.defaults(), origin);
        lastHost.addTo(linker);
        HostContext context = new HostContext(locked,
                WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        contexts.add(context);
        try (var scope = context.enter()) {
            return IncomingHandler.handle(linker.link(this.component, "guest").instantiate(), export, request, outlet);
        }
    }

    /** The wasi:http objects the last request's instance still holds handles to. */
    int liveResourcesOfLastInstance() {
        try (var scope = contexts.get(contexts.size() - 1).enter()) {
            return lastHost.liveResources();
        }
    }

    @Override
    public void close() {
        contexts.forEach(HostContext::close);
        contexts.clear();
    }
}
