package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.wasi.ConfinedFileSystem;
import dev.spinj.wasm.wasi.WasiContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The WASI 0.2 host of one component (SPEC2 §5): {@code wasi:io}, {@code wasi:clocks},
 * {@code wasi:random}, {@code wasi:cli} and {@code wasi:filesystem} (one preopen per mount), each registered at 0.2.0 (the linker's
 * semver-track matching serves guests importing any 0.2.x) and at the two 2023 release
 * candidates ({@link WasiVersion}). Linked once per component; what
 * differs per instance (handle tables, stdio, arguments) is found through the calling
 * instance's {@code HostContext}.
 */
public final class WasiP2Host {
    private final WasiStreams streams = new WasiStreams();
    private final ClockInterfaces clocks = new ClockInterfaces(streams);
    private final RandomInterfaces random = new RandomInterfaces();
    private final CliInterfaces cli;
    private final FilesystemInterfaces filesystem;

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

    /** @throws UncheckedIOException when a mounted directory cannot be resolved to its real path */
    public WasiP2Host(Config config) {
        this.cli = new CliInterfaces(streams, config.environment());
        this.filesystem = new FilesystemInterfaces(streams, preopens(config.mounts()), config.writableMounts());
    }

    private static List<Preopen> preopens(List<WasiContexts.Mount> mounts) {
        List<Preopen> preopens = new ArrayList<>();
        for (WasiContexts.Mount mount : mounts) {
            try {
                preopens.add(new Preopen(mount.guestPath(), new ConfinedFileSystem(mount.hostPath()).root()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot mount " + mount.hostPath() + " at " + mount.guestPath(), e);
            }
        }
        return preopens;
    }

    /** The stream resources and tables other interfaces (wasi:http) share with this host. */
    public WasiStreams streams() {
        return streams;
    }

    /** Registers every interface at every {@link WasiVersion} with {@code linker}; returns it. */
    public Linker addTo(Linker linker) {
        for (WasiVersion version : WasiVersion.values()) {
            streams.addTo(linker, version);
            clocks.addTo(linker, version);
            random.addTo(linker, version);
            cli.addTo(linker, version);
            filesystem.addTo(linker, version);
        }
        return linker;
    }

    /** How many host resources (streams, pollables, errors) the calling instance holds handles to now. */
    public int liveResources() {
        return streams.liveResources();
    }
}
