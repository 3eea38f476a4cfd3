package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.runtime.Linker;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The WASI 0.2 host of one component (SPEC2 §5): {@code wasi:io}, {@code wasi:clocks},
 * {@code wasi:random} and {@code wasi:cli}, each registered at 0.2.0 so the linker's
 * semver-track matching serves guests importing any 0.2.x.
 */
public final class WasiP2Host {
    private final IoInterfaces io = new IoInterfaces();
    private final ClockInterfaces clocks = new ClockInterfaces(io);
    private final RandomInterfaces random = new RandomInterfaces();
    private final CliInterfaces cli;

    /**
     * @param environment what {@code get-environment} returns, in this order
     * @param stdout the component's stdout log sink
     * @param stderr the component's stderr log sink
     */
    public WasiP2Host(Map<String, String> environment, List<String> arguments, OutputStream stdout, OutputStream stderr) {
        this.cli = new CliInterfaces(io, environment, arguments, stdout, stderr);
    }

    /** Registers every interface with {@code linker}; returns it. */
    public Linker addTo(Linker linker) {
        io.addTo(linker);
        clocks.addTo(linker);
        random.addTo(linker);
        cli.addTo(linker);
        return linker;
    }

    /** How many host resources (streams, pollables, errors) guests hold handles to now. */
    public int liveResources() {
        return io.liveResources();
    }
}
