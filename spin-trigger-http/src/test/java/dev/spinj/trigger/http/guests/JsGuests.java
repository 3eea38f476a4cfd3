package dev.spinj.trigger.http.guests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Spin 3 JS SDK test apps of {@code src/test/js/apps/<app>} as components, built with that
 * directory's {@code build.sh} (npm ci, esbuild, j2w) into {@code target/js-guests/<app>.wasm}.
 * A build takes tens of seconds and yields ~12 MB, so it runs only when the app's sources, the
 * lock file or the build scripts changed since the last one (their SHA-256 is kept beside the
 * component); across test classes, test JVMs and {@code mvn test} runs the component is reused.
 */
public final class JsGuests {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final int OUTPUT_LINES_KEPT = 40;
    private static final JsGuests MODULE = new JsGuests(
            moduleDir().resolve("src/test/js"), moduleDir().resolve("target/js-guests"), Map.of());

    private final Path sources;
    private final Path out;
    private final Map<String, String> environment;

    /**
     * @param sources the node project with {@code build.sh} and {@code apps/}
     * @param out where components (and the installed tools) go
     * @param environment added to the build's environment
     */
    JsGuests(Path sources, Path out, Map<String, String> environment) {
        this.sources = sources;
        this.out = out;
        this.environment = environment;
    }

    /** The component of app {@code app}, built if it is missing or out of date. */
    public static Path build(String app) {
        return MODULE.component(app);
    }

    /** jco's command-line entry point ({@code node <it> serve …}), installed if it is missing. */
    public static Path jcoCli() {
        return MODULE.tool("node_modules/@bytecodealliance/jco/dist/jco.js");
    }

    Path component(String app) {
        if (!Files.isRegularFile(sources.resolve("apps").resolve(app).resolve("index.js"))) {
            throw new IllegalArgumentException("no JS guest `" + app + "`: " + sources.resolve("apps").resolve(app)
                    + "/index.js is missing");
        }
        Path wasm = out.resolve(app + ".wasm");
        Path stamp = out.resolve(app + ".wasm.sha256");
        return underLock(() -> {
            String digest = digest(app);
            if (Files.isRegularFile(wasm) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(digest)) {
                return wasm;
            }
            Files.deleteIfExists(stamp);
            run(app);
            Files.writeString(stamp, digest);
            return wasm;
        });
    }

    Path tool(String relativePath) {
        Path tool = out.resolve("node-project").resolve(relativePath);
        return underLock(() -> {
            if (!Files.isRegularFile(tool)) {
                run(null);
            }
            return tool;
        });
    }

    /**
     * Runs {@code build.sh} for {@code app} (null: only install the tools), relaying its progress
     * lines to stdout; fails with its last lines when it fails.
     */
    private void run(String app) throws IOException, InterruptedException {
        List<String> command = app == null
                ? List.of("bash", sources.resolve("build.sh").toString(), out.toString())
                : List.of("bash", sources.resolve("build.sh").toString(), out.toString(), app);
        ProcessBuilder builder = new ProcessBuilder(command).directory(sources.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Deque<String> last = new ArrayDeque<>();
        // read on another thread so that a hung npm still meets the timeout below
        Thread relay = new Thread(() -> relay(process, last), "js-guests-build-output");
        relay.setDaemon(true);
        relay.start();
        String what = app == null ? "installing the JS guest build tools" : "building JS guest `" + app + "`";
        if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(what + " took longer than " + BUILD_TIMEOUT.toMinutes() + " minutes: "
                    + String.join(" ", command));
        }
        relay.join(TimeUnit.SECONDS.toMillis(10));
        if (process.exitValue() != 0) {
            synchronized (last) {
                throw new IllegalStateException(what + " failed (exit " + process.exitValue() + ") running `"
                        + String.join(" ", command) + "`; its last output:\n" + String.join("\n", last));
            }
        }
    }

    /** Prints the build's lines as they come (its progress), keeping the last ones for an error. */
    private static void relay(Process process, Deque<String> last) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println(line);
                synchronized (last) {
                    last.addLast(line);
                    if (last.size() > OUTPUT_LINES_KEPT) {
                        last.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: run() reports that
        }
    }

    /** SHA-256 over the app's files and everything else its build depends on, by relative path. */
    private String digest(String app) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> inputs;
        try (Stream<Path> appFiles = Files.walk(sources.resolve("apps").resolve(app))) {
            inputs = Stream.concat(
                    Stream.of("package.json", "package-lock.json", "build.sh", "build.mjs").map(sources::resolve),
                    appFiles.filter(Files::isRegularFile).sorted()).toList();
        }
        for (Path input : inputs) {
            sha.update(sources.relativize(input).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(input));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Runs {@code work} holding a file lock on the output directory: test JVMs may build at once. */
    private <T> T underLock(LockedWork<T> work) {
        try {
            Files.createDirectories(out);
            synchronized (JsGuests.class) {
                try (FileChannel channel = FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    return work.run();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JS guests in " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building JS guests in " + out, e);
        }
    }

    /** Surefire runs tests in the module directory and says so in {@code basedir}. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T run() throws IOException, InterruptedException;
    }
}
