package dev.spinj.wasm;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.wasi.WasiContext;
import dev.spinj.wasm.wasi.WasiContexts;
import dev.spinj.wasm.wasi.http.WasiHttpHost;
import dev.spinj.wasm.wasi.p2.WasiP2Host;
import dev.spinj.wasm.wasi.p2.WasiStreams;
import java.util.function.Function;

/**
 * What a Spin 2+ guest links against, assembled once per component (SPEC2 §1.6, §5): WASI 0.2,
 * {@code wasi:http} over its streams, and for core modules built by a Spin 2+ SDK the preview1
 * functions they call directly (Spin's adapter maps them onto the same context). Everything per
 * event (stdio, arguments) is found through the instance's {@link HostContext} at call time, so
 * one linker serves every instance.
 */
final class ComponentHost {
    private ComponentHost() {}

    /** @param wasiHttp the app's wasi:http host over the component's WASI 0.2 streams */
    static Linker linker(LockedComponent component, WasiContexts preview1, CompiledCoreModules coreModules,
            Function<WasiStreams, WasiHttpHost> wasiHttp) {
        Linker linker = new Linker().coreModules(coreModules);
        WasiP2Host wasi = new WasiP2Host(WasiP2Host.Config.of(component.env()));
        wasi.addTo(linker);
        wasiHttp.apply(wasi.streams()).addTo(linker);
        linker.coreImports("wasi_snapshot_preview1", () -> {
            HostContext context = HostContext.current();
            WasiContext wasiContext = preview1.acquire(context.invocation());
            context.onClose(() -> preview1.release(wasiContext));
            return wasiContext.functions();
        });
        return linker;
    }
}
