package dev.spinj.wasm.interfaces;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostServices;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test guest from {@code src/test/resources/spin-interfaces} linked against {@link
 * SpinInterfaces}, instantiated as the component {@code component} of an app: each instance
 * runs inside its own {@link HostContext}, as the trigger runs a request. Calls name functions
 * of the guest's exported interface {@code test:<name>/api}.
 */
final class SpinGuest {
    private final LinkedComponent linked;
    private final LockedComponent component;
    private final String api;

    SpinGuest(String name, HostServices services, LockedComponent component) throws IOException {
        byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/spin-interfaces", name + ".wasm"));
        this.linked = new SpinInterfaces(services).addTo(new Linker()).link(ComponentParser.parse(wasm), name);
        this.component = component;
        this.api = "test:" + name + "/api#";
    }

    /** The handle in an {@code ok} result of an open; fails the test on an {@code err}. */
    static long handle(Object openResult) {
        return (Long) assertInstanceOf(ResultValue.Ok.class, openResult).value();
    }

    Instance instantiate() {
        HostContext context = new HostContext(component, WasiInvocation.spin(OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream()));
        try (var scope = context.enter()) {
            return new Instance(context, linked.instantiate(), api);
        }
    }

    /** One instance; closing it ends the instance, releasing what the guest left open. */
    static final class Instance implements AutoCloseable {
        private final HostContext context;
        private final ComponentInstance instance;
        private final String api;

        private Instance(HostContext context, ComponentInstance instance, String api) {
            this.context = context;
            this.instance = instance;
            this.api = api;
        }

        Object call(String function, Object... args) {
            try (var scope = context.enter()) {
                return instance.call(api + function, args);
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
