package dev.spinj.trigger.http.host;

import dev.spinj.wasm.config.HostSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the host-probe app with a state dir in its own JVM, so a test can kill it with SIGKILL.
 * Prints {@code LISTENING <base url>} on stdout once it serves.
 */
public final class ProbeServerMain {
    private ProbeServerMain() {}

    public static void main(String[] args) throws Exception {
        HostProbe probe = HostProbe.start(HostProbe.lock(), Map.of(), HostSettings.defaults().withStateDir(Path.of(args[0])));
        System.out.println("LISTENING " + probe.url(""));
        System.out.flush();
        Thread.currentThread().join();
    }
}
