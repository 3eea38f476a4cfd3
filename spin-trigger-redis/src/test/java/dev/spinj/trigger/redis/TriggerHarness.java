package dev.spinj.trigger.redis;

import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.stdio.ComponentLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A test app from {@code src/test/resources/apps/<name>} run by a real {@link RedisTrigger}, with
 * the manifests' placeholder server {@code redis://127.0.0.1:6379} replaced by the test server and
 * the guests' output captured: written to log files as {@code spin up} does, and echoed to memory.
 */
final class TriggerHarness implements AutoCloseable {
    static final String PLACEHOLDER = "redis://127.0.0.1:6379";
    /** Generous for any probe but "loop", which it stops. */
    static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(5);
    static final RedisTriggerOptions OPTIONS = RedisTriggerOptions.defaults().withMessageTimeout(MESSAGE_TIMEOUT);

    private final ByteArrayOutputStream guestOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream startupOut = new ByteArrayOutputStream();
    private final ComponentLogs logs;
    final WasmApp wasm;
    final RedisTrigger trigger;

    private TriggerHarness(LockedApp app, Path logDir, RedisTriggerOptions options) throws Exception {
        PrintStream capture = new PrintStream(guestOut, true, StandardCharsets.UTF_8);
        logs = new ComponentLogs(logDir, false, Set.of(), capture, capture);
        wasm = WasmApp.builder(app).build();
        trigger = RedisTrigger.create(wasm, logs, options);
    }

    static TriggerHarness prepare(String appName, String redisAddress, String keyPrefix) throws Exception {
        return prepare(appName, redisAddress, keyPrefix, OPTIONS);
    }

    /** Loads the app; guests see {@code REDIS_ADDRESS} (the test server) and {@code KEY_PREFIX}. */
    static TriggerHarness prepare(String appName, String redisAddress, String keyPrefix, RedisTriggerOptions options)
            throws Exception {
        Path workDir = Files.createTempDirectory("spinj-redis-test-");
        return new TriggerHarness(lock(appName, workDir, redisAddress, keyPrefix), workDir.resolve("logs"), options);
    }

    /** The locked app, its components' working files in {@code workDir}. */
    static LockedApp lock(String appName, Path workDir, String redisAddress, String keyPrefix) throws Exception {
        Path manifest = Path.of(TriggerHarness.class.getResource("/apps/" + appName + "/spin.toml").toURI());
        LockedApp app = AppLoader.load(manifest, workDir, new AppLoader.Options(false,
                Map.of("REDIS_ADDRESS", redisAddress, "KEY_PREFIX", keyPrefix)));
        return LockFiles.fromJson(LockFiles.toJson(app).replace(PLACEHOLDER, redisAddress));
    }

    static TriggerHarness start(String appName, String redisAddress, String keyPrefix) throws Exception {
        return start(appName, redisAddress, keyPrefix, OPTIONS);
    }

    static TriggerHarness start(String appName, String redisAddress, String keyPrefix, RedisTriggerOptions options)
            throws Exception {
        TriggerHarness harness = prepare(appName, redisAddress, keyPrefix, options);
        harness.trigger.start(new PrintStream(harness.startupOut, true, StandardCharsets.UTF_8));
        return harness;
    }

    String startupOutput() {
        return startupOut.toString(StandardCharsets.UTF_8);
    }

    String guestOutput() {
        return guestOut.toString(StandardCharsets.UTF_8);
    }

    /** What the component wrote to stdout, from its log file ({@code <id>_stdout.txt}); empty before it wrote anything. */
    String stdoutLog(String componentId) throws IOException {
        Path file = logs.logDir().resolve(componentId + "_stdout.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Waits for the guests to print {@code text}. */
    void awaitGuestOutput(String text) throws InterruptedException {
        await(() -> guestOutput().contains(text), () -> "guest output never contained '" + text + "':\n" + guestOutput());
    }

    /** Polls {@code condition} every 20 ms for up to 20 s. */
    static void await(BooleanSupplier condition, Supplier<String> failure) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        trigger.stop(5, TimeUnit.SECONDS);
        wasm.close();
        logs.close();
    }
}
