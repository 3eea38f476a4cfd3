package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.host.http.AppOrigin;
import dev.spinj.wasm.host.http.OutboundHttpSettings;
import dev.spinj.wasm.wasi.p2.WasiStreams;
import dev.spinj.wasm.wasi.p2.WasiVersion;

/**
 * {@code wasi:http/types} and {@code wasi:http/outgoing-handler} at 0.2.0 (serving every 0.2.x)
 * for one component: its bodies are wasi:io streams of the component's {@link WasiStreams}, the
 * allow-lists decide before any connection, requests to the app itself and to {@code
 * <id>.spin.internal} stay in-process (SPEC2 §3.7). Linked once per component; each instance's
 * objects live in its own table.
 */
public final class WasiHttpHost {
    private final HttpWitTypes types;
    private final WasiStreams streams;
    private final OutgoingHandler outgoing;

    /**
     * @param streams the component's wasi:io host ({@code WasiP2Host.streams()}): bodies are its streams
     * @param origin the listener's origin and loopback, announced by the trigger once it listens
     */
    public WasiHttpHost(WasiStreams streams, AppAllowLists allowLists, OutboundHttpSettings settings, AppOrigin origin) {
        this.streams = streams;
        this.types = new HttpWitTypes(streams.error(), streams.pollable(), streams.inputStream(), streams.outputStream());
        this.outgoing = new OutgoingHandler(types, allowLists, settings, origin);
    }

    /**
     * Adds {@code wasi:http/types} and {@code wasi:http/outgoing-handler} at 0.2.0 and at the
     * release candidates Spin 2.0 ({@code 0.2.0-rc-2023-10-18}) and 2.1 ({@code -11-10}) guests
     * import to {@code linker}; returns it.
     */
    public Linker addTo(Linker linker) {
        for (WasiVersion version : WasiVersion.values()) {
            linker.instance(version.of("wasi:http/types"), new TypesInterface(types, streams, version).build());
            linker.instance(version.of("wasi:http/outgoing-handler"), outgoing.build(version));
        }
        return linker;
    }

    /** How many wasi:http objects the calling instance holds handles to now. */
    public int liveResources() {
        return HttpResources.current().size();
    }
}
