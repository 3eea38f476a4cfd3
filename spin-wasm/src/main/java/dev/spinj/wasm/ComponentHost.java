package dev.spinj.wasm;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.wasi.WasiContext;
import dev.spinj.wasm.wasi.WasiContexts;
import dev.spinj.wasm.wasi.p2.WasiP2Host;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * What a Spin 2+ guest links against, assembled once per component (SPEC2 §1.6, §5): WASI 0.2,
 * and for core modules built by a Spin 2+ SDK the preview1 functions they call directly (Spin's
 * adapter maps them onto the same context). Everything per event (stdio, arguments) is found
 * through the instance's {@link HostContext} at call time, so one linker serves every instance.
 */
final class ComponentHost {
    private ComponentHost() {}

    static Linker linker(LockedComponent component, WasiContexts preview1, CompiledCoreModules coreModules) {
        Linker linker = new Linker().coreModules(coreModules);
        new WasiP2Host(component.env(), List.of(), new CurrentStdio(WasiInvocation::stdout), new CurrentStdio(WasiInvocation::stderr))
                .addTo(linker);
        linker.coreImports("wasi_snapshot_preview1", () -> {
            HostContext context = HostContext.current();
            WasiContext wasi = preview1.acquire(context.invocation());
            context.onClose(() -> preview1.release(wasi));
            return wasi.functions();
        });
        return linker;
    }

    /** The stdout or stderr of whichever instance is calling: the log sinks of its event. */
    private static final class CurrentStdio extends OutputStream {
        private final Function<WasiInvocation, OutputStream> stream;

        CurrentStdio(Function<WasiInvocation, OutputStream> stream) {
            this.stream = stream;
        }

        private OutputStream target() {
            return stream.apply(HostContext.current().invocation());
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }
}
