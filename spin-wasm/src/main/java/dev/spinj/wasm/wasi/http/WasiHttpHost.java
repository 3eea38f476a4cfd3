package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.host.http.AppOrigin;
import dev.spinj.wasm.host.http.OutboundHttpSettings;

/**
 * {@code wasi:http/types} and {@code wasi:http/outgoing-handler} at 0.2.x for one app: the
 * allow-lists decide before any connection, requests to the app itself and to {@code
 * <id>.spin.internal} stay in-process (SPEC2 §3.7).
 */
public final class WasiHttpHost {
    private final AppAllowLists allowLists;
    private final OutboundHttpSettings settings;
    private final AppOrigin origin;

    /** @param origin the listener's origin and loopback, announced by the trigger once it listens */
    public WasiHttpHost(AppAllowLists allowLists, OutboundHttpSettings settings, AppOrigin origin) {
        this.allowLists = allowLists;
        this.settings = settings;
        this.origin = origin;
    }

    /** Adds the {@code wasi:http} instances to {@code linker}. */
    public Linker addTo(Linker linker) {
        throw new UnsupportedOperationException("wasi:http host is being implemented on branch wasi-http");
    }
}
