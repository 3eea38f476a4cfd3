package dev.spinj.cli;

import dev.spinj.loader.lock.LockedApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code spin trigger <type>} child: this same jar in a new JVM, the app handed over through
 * {@code SPIN_WORKING_DIR}, {@code SPIN_LOCKED_URL} and {@code SPIN_LOCAL_APP_DIR}, the
 * unrecognised {@code spin up} flags passed through, stdio inherited.
 */
final class TriggerProcess {
    private final Process process;

    private TriggerProcess(Process process) {
        this.process = process;
    }

    /**
     * @param app the app in {@code lockFile}, whose guests size the trigger's heap
     * @param jvmOptions {@code --trigger-jvm-options}: replace the sized heap and collector; empty for those
     */
    static TriggerProcess start(String triggerType, List<String> forwardedArgs, Path workingDir, Path lockFile, Path appDir,
            LockedApp app, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> inherited = inheritedJvmOptions();
        command.addAll(inherited);
        command.addAll(jvmOptions.isEmpty()
                ? TriggerJvm.heapOptions(app, forwardedArgs, System.getenv(), inherited)
                : jvmOptions);
        // Compiled guests have big methods (printf, interpreters); left to HotSpot's default they
        // are never JIT-compiled and run interpreted, several times slower.
        command.add("-XX:-DontCompileHugeMethods");
        // Netty loads its epoll library; JDK 24+ warns on stderr about that unless it is allowed
        command.add("--enable-native-access=ALL-UNNAMED");
        if (!forwardedArgs.contains("--disable-cache")) {
            command.addAll(ClassDataArchive.jvmOptions(triggerType));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SpinCommand.class.getName());
        command.add(SpinCommand.TRIGGER);
        command.add(triggerType);
        command.addAll(forwardedArgs);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put(TriggerApp.WORKING_DIR, workingDir.toString());
        env.put(TriggerApp.LOCKED_URL, lockFile.toUri().toString());
        if (appDir != null) {
            env.put(TriggerApp.LOCAL_APP_DIR, appDir.toString());
        }
        return new TriggerProcess(builder.start());
    }

    /** Heap and similar settings given to {@code spin up} apply to the trigger, where the work happens. */
    private static List<String> inheritedJvmOptions() {
        List<String> options = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean ours = ClassDataArchive.isArchiveOption(arg) || arg.equals("-XX:-DontCompileHugeMethods")
                    || arg.startsWith("--enable-native-access") || UpJvm.OPTIONS.contains(arg);
            if (!ours && (arg.startsWith("-X") || arg.startsWith("-XX:") || arg.startsWith("-D"))) {
                options.add(arg);
            }
        }
        return options;
    }

    /** Asks the trigger to stop gracefully (SIGTERM). */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }
}
