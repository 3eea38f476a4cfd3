package dev.spinj.wasm;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.ConfigHost;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.host.HostLinker;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.host.UnimplementedInterfaces;
import dev.spinj.wasm.redis.OutboundRedisHost;
import java.io.IOException;
import java.net.URI;
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
    private final boolean writableMounts;
    private final OutboundRedisHost outboundRedis;
    private final HostServices services;

    public WasmApp(LockedApp app, Map<String, String> processEnv) {
        this(app, processEnv, false);
    }

    /** @param writableMounts {@code --allow-transient-write}: guests may change their (copied) files */
    public WasmApp(LockedApp app, Map<String, String> processEnv, boolean writableMounts) {
        this(app, processEnv, writableMounts, HostSettings.defaults());
    }

    /**
     * @param hostSettings state dir, runtime config, seeds and limits of the host interfaces
     * @throws dev.spinj.wasm.config.RuntimeConfigException when the app's stores, databases,
     *     allow-lists or required variables cannot be satisfied
     */
    public WasmApp(LockedApp app, Map<String, String> processEnv, boolean writableMounts, HostSettings hostSettings) {
        this.app = app;
        this.writableMounts = writableMounts;
        this.services = HostServices.create(app, processEnv, hostSettings);
        List<HostInterface> interfaces = new ArrayList<>();
        interfaces.add(new ConfigHost(services.variables()));
        interfaces.addAll(services.interfaces());
        this.outboundRedis = new OutboundRedisHost(app);
        interfaces.add(outboundRedis);
        interfaces.addAll(UnimplementedInterfaces.all());
        this.linker = new HostLinker(interfaces);
    }

    public LockedApp app() {
        return app;
    }

    /** Tells outbound HTTP where the app itself listens, the target of relative URLs ({@code self}). */
    public void announceOrigin(URI origin) {
        services.announceOrigin(origin);
    }

    /** The startup lines about default key-value and SQLite storage (SPEC 6), when components use them. */
    public List<String> startupSummary() {
        return services.startupSummary();
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
            String source = component.source().content().source();
            compiled = engine.compile(wasm, source == null ? "the inline wasm" : source);
        } catch (ComponentLoadException e) {
            throw new ComponentLoadException("Failed to load component '" + componentId + "'", e);
        }
        return new ComponentPre(component, compiled, linker, writableMounts);
    }

    /** Closes the connections host interfaces opened for the app's guests (outbound Redis). */
    @Override
    public void close() {
        outboundRedis.close();
        services.close();
    }
}
