package dev.spinj.wasm;

import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.Dependency;
import dev.spinj.cm.runtime.LinkedGuest;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import dev.spinj.wasm.interfaces.SpinInterfaces;
import dev.spinj.wasm.wasi.WasiContext;
import dev.spinj.wasm.wasi.WasiContexts;
import dev.spinj.wasm.wasi.p2.WasiP2Host;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * What a Spin 2+ guest links against, assembled once per component (SPEC2 §1.6, §5): WASI 0.2
 * with the component's files and its socket allow-list, {@code wasi:http} over those streams,
 * Spin's interfaces, and for core modules built by a Spin 2+ SDK the preview1 functions they
 * call directly (Spin's adapter maps them onto the same context). Everything per event (stdio,
 * arguments, handle tables) is found through the instance's {@link HostContext} at call time,
 * so one linker serves every instance.
 */
final class ComponentHost {
    private ComponentHost() {}

    static Linker linker(LockedComponent component, List<WasiContexts.Mount> mounts, boolean writableMounts,
            WasiContexts preview1, CompiledCoreModules coreModules, HostServices services) {
        Linker linker = new Linker().coreModules(coreModules);
        WasiP2Host wasi = new WasiP2Host(WasiP2Host.Config.of(component.env())
                .withMounts(mounts, writableMounts)
                .withSocketsAllowed((scheme, address) -> socketAllowed(services, component.id(), scheme, address)));
        wasi.addTo(linker);
        services.wasiHttp(wasi.streams()).addTo(linker);
        new SpinInterfaces(services).addTo(linker);
        linker.coreImports("wasi_snapshot_preview1", () -> {
            HostContext context = HostContext.current();
            WasiContext wasiContext = preview1.acquire(context.invocation());
            context.onClose(() -> preview1.release(wasiContext));
            return wasiContext.functions();
        });
        return linker;
    }

    /** SPEC2 §5: a socket address is reachable iff the component's allow-list allows {@code tcp://ip:port} (or udp). */
    private static boolean socketAllowed(HostServices services, String componentId, String scheme, InetSocketAddress address) {
        AllowedOutboundHosts hosts = services.allowLists().of(componentId);
        if (hosts == null || address.getAddress() == null) {
            return false;
        }
        try {
            return hosts.allows(new URI(scheme, null, address.getAddress().getHostAddress(), address.getPort(), null, null, null));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Links a Spin 2+ guest of {@code format} (a component, or a core module with a
     * component-type section) against {@code linker}, with {@code dependencies} filling the
     * imports they match.
     */
    static LinkedGuest link(Linker linker, byte[] wasm, GuestFormat format, String name, List<Dependency> dependencies) {
        return format == GuestFormat.COMPONENT
                ? linker.link(ComponentParser.parse(wasm), name, dependencies)
                : linker.linkCoreModule(wasm, name, dependencies);
    }
}
