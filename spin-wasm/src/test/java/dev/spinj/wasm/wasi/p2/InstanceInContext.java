package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /** Links the test guest {@code /wasip2/<guest>.wasm} with {@code host} and instantiates it with no stdio. */
    static InstanceInContext of(WasiP2Host host, String guest) throws IOException {
        try (InputStream in = InstanceInContext.class.getResourceAsStream("/wasip2/" + guest + ".wasm")) {
            LinkedComponent linked = host.addTo(new Linker()).link(ComponentParser.parse(in.readAllBytes()), guest);
            return instantiate(linked, guest, WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
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
