package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.host.HostContext;
import java.util.Set;

/** One live instance serving one event, on one thread at a time. Close it when done. */
public final class GuestInstance implements AutoCloseable {
    private final String componentId;
    private final Instance instance;
    private final Runnable releaseWasi;
    private final HostContext context;
    private final Set<String> exports;

    GuestInstance(String componentId, Set<String> exports, Instance instance, HostContext context, Runnable releaseWasi) {
        this.componentId = componentId;
        this.exports = exports;
        this.instance = instance;
        this.releaseWasi = releaseWasi;
        this.context = context;
    }

    public String componentId() {
        return componentId;
    }

    public CanonicalAbi abi() {
        return context.abi();
    }

    public boolean hasExport(String name) {
        return exports.contains(name);
    }

    /** Runs the WASI reactor initialiser when the module has one; never {@code _start} (CONFIRMED.md). */
    public void initialize() {
        if (hasExport("_initialize")) {
            call("_initialize");
        }
    }

    /** Calls an export with host calls bound to this instance; any failure is a {@link GuestTrapException}. */
    public long[] call(String export, long... args) {
        try (var scope = context.enter()) {
            return instance.export(export).apply(args);
        } catch (RuntimeException | StackOverflowError e) {
            throw new GuestTrapException(componentId, export, e);
        }
    }

    @Override
    public void close() {
        context.close();
        releaseWasi.run();
    }
}
