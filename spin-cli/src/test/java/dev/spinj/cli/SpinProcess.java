package dev.spinj.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code spin} CLI in a child JVM, as a user runs it, with its output captured. */
final class SpinProcess implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private SpinProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
    }

    static SpinProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, List.of(), args);
    }

    /** With JVM options for the CLI's JVM, such as {@code -Djavax.net.ssl.trustStore=...}; its triggers inherit them. */
    static SpinProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SpinCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove(TriggerApp.WORKING_DIR);
        builder.environment().remove(TriggerApp.LOCKED_URL);
        builder.environment().putAll(env);
        return new SpinProcess(builder.start());
    }

    private static void pump(InputStream in, ByteArrayOutputStream into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (into) {
                        into.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /**
     * The command lines of the processes this one started (its trigger children), from Linux's
     * {@code /proc/<pid>/cmdline}: {@code ProcessHandle.Info} gives none for command lines as long
     * as a test classpath.
     */
    List<List<String>> childCommandLines() throws IOException {
        List<List<String>> lines = new ArrayList<>();
        for (ProcessHandle child : process.descendants().toList()) {
            byte[] cmdline = java.nio.file.Files.readAllBytes(Path.of("/proc", String.valueOf(child.pid()), "cmdline"));
            lines.add(List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0")));
        }
        return lines;
    }

    String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until stdout contains {@code text}, failing after {@code timeout} or if the process ends first. */
    void awaitStdout(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!stdout().contains(text)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' in stdout: " + stdout() + "\nstderr: " + stderr());
            }
            Thread.sleep(50);
        }
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("process did not exit; stderr: " + stderr());
        }
        Thread.sleep(100); // let the pumps drain the last bytes
        return process.exitValue();
    }

    /** SIGTERM, as a service manager would send. */
    void terminate() {
        process.destroy();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
