package dev.spinj.trigger.http.executor;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.OutboundResponse;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.SpinHeaders;
import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.http.GuestMethod;
import dev.spinj.wasm.http.GuestRequest;
import dev.spinj.wasm.http.GuestResponse;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.http.InboundHttp;
import dev.spinj.wasm.stdio.ComponentLogs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Spin executor (SPEC 7.1 step 6): the request with the Spin headers appended goes to the
 * guest's handler export; the response is checked the way Spin checks it.
 */
public final class SpinHttpExecutor implements HttpExecutor {
    private final ComponentPre component;
    private final AbiFlavor flavor;
    private final ComponentLogs logs;
    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest response body the guest may return ({@code --max-response-body}) */
    public SpinHttpExecutor(ComponentPre component, ComponentLogs logs, int maxBodyBytes) throws ComponentLoadException {
        this.component = component;
        this.logs = logs;
        this.maxBodyBytes = maxBodyBytes;
        this.flavor = AbiFlavor.forHandler(component.exports(), false);
        if (flavor == null) {
            throw new ComponentLoadException("Component '" + component.id() + "' exports neither '"
                    + AbiFlavor.LEGACY.httpExport() + "' nor '" + AbiFlavor.CANONICAL.httpExport()
                    + "': it is not a Spin HTTP component (use executor = { type = \"wagi\" } for WASI commands)");
        }
    }

    @Override
    public OutboundResponse execute(RouteMatch match, InboundRequest request) {
        var method = GuestMethod.of(request.method());
        if (method.isEmpty()) {
            return OutboundResponse.empty(405);
        }
        List<Header> headers = new ArrayList<>(request.headers().size() + 7);
        for (Header h : request.headers()) {
            if (!HeaderRules.isVisibleAscii(h.value())) {
                throw new IllegalArgumentException("request header '" + h.name() + "' has a value that is not visible ASCII");
            }
            headers.add(h);
        }
        headers.addAll(SpinHeaders.compute(match, request));
        GuestResponse response;
        try (GuestInstance guest = component.instantiate(
                WasiInvocation.spin(logs.stdout(component.id()), logs.stderr(component.id())))) {
            guest.initialize();
            response = InboundHttp.handle(guest, flavor, new GuestRequest(method.get(), request.uri(), headers, request.body()));
        }
        return toResponse(response);
    }

    private OutboundResponse toResponse(GuestResponse response) {
        if (response.status() < 100 || response.status() > 600) {
            throw new IllegalArgumentException("component '" + component.id() + "' returned a malformed HTTP status code "
                    + response.status());
        }
        // Spin inserts guest headers into a map: for a repeated name the last value wins
        Map<String, Header> byName = new LinkedHashMap<>();
        for (Header h : response.headers() == null ? List.<Header>of() : response.headers()) {
            HeaderRules.check(h, component.id());
            byName.put(h.name().toLowerCase(Locale.ROOT), h);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (body.length > maxBodyBytes) {
            throw new IllegalArgumentException("component '" + component.id() + "' returned a body of " + body.length
                    + " bytes, more than " + maxBodyBytes + " (--max-response-body)");
        }
        return new OutboundResponse(response.status(), List.copyOf(byName.values()), body);
    }
}
