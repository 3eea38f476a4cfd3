package dev.spinj.wasm;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.host.ConfigHost;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.host.HostLinker;
import dev.spinj.wasm.host.UnimplementedInterfaces;
import dev.spinj.wasm.redis.OutboundRedisHost;
import dev.spinj.wasm.variables.EnvVariableProvider;
import dev.spinj.wasm.variables.Variables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wasm side of one locked app: the host interfaces linked once for all its components, and
 * the engine that compiles each distinct module once. Triggers ask it for the components they run.
 */
public final class WasmApp implements AutoCloseable {
    private final LockedApp app;
    private final WasmEngine engine = new WasmEngine();
    private final HostLinker linker;
    private final OutboundRedisHost outboundRedis;

    public WasmApp(LockedApp app, Map<String, String> processEnv) {
        this.app = app;
        Variables variables = new Variables(app.variables(), List.of(new EnvVariableProvider("SPIN_CONFIG", processEnv)));
        List<HostInterface> interfaces = new ArrayList<>();
        interfaces.add(new ConfigHost(variables));
        this.outboundRedis = new OutboundRedisHost(app);
        interfaces.add(outboundRedis);
        interfaces.addAll(UnimplementedInterfaces.all());
        this.linker = new HostLinker(interfaces);
    }

    public LockedApp app() {
        return app;
    }

    /** Reads, compiles (once per distinct module) and links one component; fails naming it. */
    public ComponentPre prepare(String componentId) throws ComponentLoadException {
        LockedComponent component = app.component(componentId).orElseThrow(
                () -> new ComponentLoadException("the app has no component '" + componentId + "'"));
        byte[] wasm;
        try {
            wasm = component.source().content().bytes();
        } catch (IOException | IllegalStateException e) {
            throw new ComponentLoadException("Failed to load component '" + componentId + "': cannot read "
                    + component.source().content().source(), e);
        }
        CompiledModule compiled;
        try {
            compiled = engine.compile(wasm, component.source().content().source());
        } catch (ComponentLoadException e) {
            throw new ComponentLoadException("Failed to load component '" + componentId + "'", e);
        }
        return new ComponentPre(component, compiled, linker);
    }

    /** Closes the connections host interfaces opened for the app's guests (outbound Redis). */
    @Override
    public void close() {
        outboundRedis.close();
    }
}
