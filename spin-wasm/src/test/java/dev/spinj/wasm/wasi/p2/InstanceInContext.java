package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A component instance with its own {@link HostContext}, every call made inside that context,
 * as ComponentPre and GuestInstance make and call instances. Close the context to drop the
 * instance.
 */
record InstanceInContext(HostContext context, ComponentInstance component) {
    static InstanceInContext instantiate(LinkedComponent linked, String name, WasiInvocation invocation) {
        HostContext context = new HostContext(new LockedComponent(name, Map.of(), null, null, null, null), invocation);
        try (var scope = context.enter()) {
            return new InstanceInContext(context, linked.instantiate());
        }
    }

    Object call(String export, Object... args) {
        return inside(() -> component.call(export, args));
    }

    /** Runs {@code action} as a host call of this instance would run. */
    <T> T inside(Supplier<T> action) {
        try (var scope = context.enter()) {
            return action.get();
        }
    }
}
