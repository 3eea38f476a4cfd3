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
 * http-guest.c (src/test/resources/wasihttp, a wasi:http component importing wasi:http@0.2.12)
 * on the wasi:http and WASI 0.2 hosts, Chicory and the component-model engine: one fresh
 * instance, in its own HostContext, per request, as ComponentPre makes them. Closing closes
 * every instance's context.
 */
final class HttpGuest implements AutoCloseable {
    static final String EXPORT = "wasi:http/incoming-handler@0.2.12";
    private static final Component COMPONENT = parse();

    final AppOrigin origin = new AppOrigin();
    private final List<HostContext> contexts = new ArrayList<>();
    private WasiHttpHost lastHost;

    private static Component parse() {
        try (InputStream in = HttpGuest.class.getResourceAsStream("/wasihttp/http-guest.wasm")) {
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
        LockedComponent component = new LockedComponent("guest", Map.of("allowed_outbound_hosts", List.of(allowedHosts)),
                null, null, null, null);
        LockedApp app = new LockedApp(1, Map.of("triggers", Map.of()), Map.of(), List.of(), List.of(component));
        WasiP2Host wasi = new WasiP2Host(WasiP2Host.Config.of(Map.of()));
        Linker linker = wasi.addTo(new Linker());
        lastHost = new WasiHttpHost(wasi.streams(), AppAllowLists.forApp(app, new Variables(Map.of(), List.of())),
                OutboundHttpSettings.defaults(), origin);
        lastHost.addTo(linker);
        HostContext context = new HostContext(component,
                WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        contexts.add(context);
        try (var scope = context.enter()) {
            return IncomingHandler.handle(linker.link(COMPONENT, "guest").instantiate(), EXPORT, request, outlet);
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
