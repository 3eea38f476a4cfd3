package dev.spinj.wasm;

import dev.spinj.cm.binary.ComponentFormatException;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.ConfigHost;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.host.HostLinker;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.host.http.AppLoopback;
import dev.spinj.wasm.host.redis.OutboundRedisHost;
import dev.spinj.wasm.variables.Variables;
import java.io.IOException;
import java.nio.file.Path;
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
    private final WasmEngine engine;
    private final HostLinker linker;
    private final boolean writableMounts;
    private final HostServices services;

    private WasmApp(Builder b) {
        this.app = b.app;
        this.writableMounts = b.writableMounts;
        this.engine = new WasmEngine(b.maxInstanceMemoryBytes, b.compileCacheDir);
        this.services = HostServices.create(app, b.processEnv, b.hostSettings);
        List<HostInterface> interfaces = new ArrayList<>();
        interfaces.add(new ConfigHost(services.variables()));
        interfaces.addAll(services.interfaces());
        interfaces.add(new OutboundRedisHost(services.redis()));
        this.linker = new HostLinker(interfaces);
    }

    public static Builder builder(LockedApp app) {
        return new Builder(app);
    }

    /** Settings of the wasm side of an app; every one has a default that serves a local app. */
    public static final class Builder {
        /** Enough for real SDK guests (QuickJS uses ~37 pages) with room; a runaway guest stops here. */
        public static final long DEFAULT_MAX_INSTANCE_MEMORY = 256L << 20;

        private final LockedApp app;
        private Map<String, String> processEnv = Map.of();
        private boolean writableMounts;
        private HostSettings hostSettings = HostSettings.defaults();
        private long maxInstanceMemoryBytes = DEFAULT_MAX_INSTANCE_MEMORY;
        private Path compileCacheDir;

        private Builder(LockedApp app) {
            this.app = app;
        }

        /** The environment variable providers read ({@code SPIN_CONFIG_*}, {@code SPIN_VARIABLE_*}). */
        public Builder withProcessEnv(Map<String, String> env) {
            this.processEnv = env;
            return this;
        }

        /** {@code --allow-transient-write}: guests may change their (copied) files. */
        public Builder withWritableMounts(boolean writable) {
            this.writableMounts = writable;
            return this;
        }

        /** State dir, runtime config, seeds and limits of the host interfaces. */
        public Builder withHostSettings(HostSettings settings) {
            this.hostSettings = settings;
            return this;
        }

        /** {@code --max-instance-memory}: {@code memory.grow} past it fails. */
        public Builder withMaxInstanceMemory(long bytes) {
            this.maxInstanceMemoryBytes = bytes;
            return this;
        }

        /** Where compiled modules are kept across restarts, keyed by module digest; null for none. */
        public Builder withCompileCache(Path dir) {
            this.compileCacheDir = dir;
            return this;
        }

        /**
         * @throws dev.spinj.wasm.config.RuntimeConfigException when the app's stores, databases,
         *     allow-lists or required variables cannot be satisfied
         */
        public WasmApp build() {
            return new WasmApp(this);
        }
    }

    public LockedApp app() {
        return app;
    }

    /** The app's variables, which also resolve trigger settings written as templates ({@code address = "{{ redis_url }}"}, SPEC2 §6.3). */
    public Variables variables() {
        return services.variables();
    }

    /**
     * Tells outbound HTTP where the app itself listens, the target of relative URLs
     * ({@code self}); guests' requests to that origin are served by {@code loopback} on the
     * calling thread, so a request to the app itself never waits for a worker its caller holds.
     */
    public void announceOrigin(URI origin, AppLoopback loopback) {
        services.announceOrigin(origin, loopback);
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
        String source = component.source().content().source();
        CompiledModule compiled;
        try {
            GuestFormat format = GuestFormat.of(wasm);
            if (format != GuestFormat.SPIN1_MODULE) {
                return new ComponentPre(component, wasm, format, engine, writableMounts, services);
            }
            if (!component.dependencies().isEmpty()) {
                // Spin would componentize the module first; 1.x modules with dependencies do not occur in practice
                throw new ComponentLoadException("it is a Spin 1.x module with dependencies ("
                        + String.join(", ", component.dependencies().keySet()) + "); spinj composes dependencies into components only");
            }
            compiled = engine.compile(wasm, source == null ? "the inline wasm" : source);
        } catch (ComponentLoadException | ComponentFormatException e) {
            throw new ComponentLoadException("Failed to load component '" + componentId + "'", e);
        }
        return new ComponentPre(component, compiled, linker, writableMounts);
    }

    /** Closes the connections host interfaces opened for the app's guests (outbound Redis). */
    @Override
    public void close() {
        services.close();
    }
}
