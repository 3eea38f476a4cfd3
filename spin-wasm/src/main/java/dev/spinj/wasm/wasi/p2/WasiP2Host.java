package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.wasi.WasiContexts;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The WASI 0.2 host of one component (SPEC2 §5): {@code wasi:io}, {@code wasi:clocks},
 * {@code wasi:random} and {@code wasi:cli}, each registered at 0.2.0 so the linker's
 * semver-track matching serves guests importing any 0.2.x. Linked once per component; what
 * differs per instance (handle tables, stdio, arguments) is found through the calling
 * instance's {@code HostContext}.
 */
public final class WasiP2Host {
    private final WasiStreams streams = new WasiStreams();
    private final ClockInterfaces clocks = new ClockInterfaces(streams);
    private final RandomInterfaces random = new RandomInterfaces();
    private final CliInterfaces cli;

    /**
     * What a component's WASI 0.2 host is made from; build it with {@link #of} and the {@code
     * with*} methods so callers survive new fields.
     *
     * @param environment the component's environment, after the event's, in this order
     * @param mounts the component's {@code files} directories
     * @param writableMounts whether the guest may change its mounts (Spin's {@code --direct-mounts})
     * @param socketAllowed whether the component may reach {@code (scheme, address)}, scheme
     *     {@code tcp} or {@code udp} (the component's outbound allow-list)
     */
    public record Config(Map<String, String> environment, List<WasiContexts.Mount> mounts, boolean writableMounts,
            BiPredicate<String, InetSocketAddress> socketAllowed) {
        public Config {
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            mounts = List.copyOf(mounts);
        }

        /** A component with {@code environment}, no files and no network. */
        public static Config of(Map<String, String> environment) {
            return new Config(environment, List.of(), false, (scheme, address) -> false);
        }

        public Config withMounts(List<WasiContexts.Mount> mounts, boolean writable) {
            return new Config(environment, mounts, writable, socketAllowed);
        }

        public Config withSocketsAllowed(BiPredicate<String, InetSocketAddress> allowed) {
            return new Config(environment, mounts, writableMounts, allowed);
        }
    }

    public WasiP2Host(Config config) {
        this.cli = new CliInterfaces(streams, config.environment());
    }

    /** The stream resources and tables other interfaces (wasi:http) share with this host. */
    public WasiStreams streams() {
        return streams;
    }

    /** Registers every interface with {@code linker}; returns it. */
    public Linker addTo(Linker linker) {
        streams.addTo(linker);
        clocks.addTo(linker);
        random.addTo(linker);
        cli.addTo(linker);
        return linker;
    }

    /** How many host resources (streams, pollables, errors) the calling instance holds handles to now. */
    public int liveResources() {
        return streams.liveResources();
    }
}
