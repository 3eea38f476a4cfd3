package dev.spinj.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.OutputStream;
import java.util.Set;

/**
 * One WASI preview 1 context with its host functions, made once and, when nothing a guest did
 * could have changed it, handed to the next instance: building Chicory's WASI functions costs
 * more than the rest of an instance. A context counts as changed as soon as a guest calls
 * anything that alters its descriptor table (opening, closing, renumbering files, changing
 * flags); such a context is closed instead of reused.
 */
public final class WasiContext implements AutoCloseable {
    private static final Set<String> STATEFUL = Set.of("path_open", "fd_close", "fd_renumber", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "sock_accept", "sock_shutdown");

    private final WasiPreview1 wasi;
    private final HostFunction[] functions;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private volatile boolean changed;

    WasiContext(WasiOptions options, boolean writableMounts, OutputStream stdout, OutputStream stderr) {
        this.wasi = WasiPreview1.builder().withOptions(options).build();
        this.stdout = stdout;
        this.stderr = stderr;
        HostFunction[] raw = writableMounts ? wasi.toHostFunctions() : ReadOnlyMounts.apply(wasi.toHostFunctions());
        this.functions = new HostFunction[raw.length];
        for (int i = 0; i < raw.length; i++) {
            HostFunction f = raw[i];
            if (STATEFUL.contains(f.name())) {
                var handle = f.handle();
                functions[i] = new HostFunction(f.module(), f.name(), f.functionType(), (instance, args) -> {
                    changed = true;
                    return handle.apply(instance, args);
                });
            } else {
                functions[i] = f;
            }
        }
    }

    public HostFunction[] functions() {
        return functions;
    }

    boolean reusableFor(OutputStream out, OutputStream err) {
        return !changed && stdout == out && stderr == err;
    }

    @Override
    public void close() {
        wasi.close();
    }
}
