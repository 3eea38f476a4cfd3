package dev.spinj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code spin up} child started by {@code spin watch}: this same CLI in a new JVM, stdio inherited. */
final class UpProcess {
    private static final long STOP_GRACE_SECONDS = 10;
    private final Process process;

    private UpProcess(Process process) {
        this.process = process;
    }

    static UpProcess start(Path manifest, List<String> upArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(UpJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                SpinCommand.class.getName(), "up", "-f", manifest.toString()));
        command.addAll(upArgs);
        return new UpProcess(new ProcessBuilder(command).inheritIO().start());
    }

    /**
     * SIGTERM, which {@code spin up} relays to its triggers so they finish in-flight requests; a
     * child still running after the grace period is killed with its descendants, so the next app
     * can bind the same port.
     */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
