package dev.spinj.trigger.http;

import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.stdio.ComponentLogs;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A test app from {@code src/test/resources/apps/<name>} (or any manifest) served for real:
 * manifest loaded into a lock, components compiled by Chicory, Netty listening on a free loopback port.
 */
public final class RunningApp implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Path logDir;
    final String startupOutput;
    private final HttpTrigger trigger;
    private final InetSocketAddress address;

    private RunningApp(HttpTrigger trigger, InetSocketAddress address, Path logDir, String startupOutput) {
        this.trigger = trigger;
        this.address = address;
        this.logDir = logDir;
        this.startupOutput = startupOutput;
    }

    static LockedApp lock(String name) throws Exception {
        return lock(Path.of("src/test/resources/apps", name, "spin.toml"));
    }

    private static LockedApp lock(Path manifest) throws Exception {
        Path workingDir = Files.createTempDirectory("spinj-test-");
        return AppLoader.load(manifest, workingDir, new AppLoader.Options(false, Map.of()));
    }

    static HttpTrigger trigger(String name, Path logDir) throws Exception {
        return trigger(lock(name), logDir, false);
    }

    static HttpTrigger trigger(LockedApp app, Path logDir, boolean writableMounts) throws Exception {
        return trigger(WasmApp.builder(app).withWritableMounts(writableMounts).build(), logDir, HttpTriggerOptions.defaults());
    }

    static HttpTrigger trigger(WasmApp wasm, Path logDir, HttpTriggerOptions options) throws Exception {
        ComponentLogs logs = new ComponentLogs(logDir, true, Set.of(), System.out, System.err);
        return HttpTrigger.create(wasm, logs, options.withListen("127.0.0.1:0"));
    }

    static RunningApp start(String name) throws Exception {
        return start(lock(name), false);
    }

    /**
     * Serves the app of {@code manifest} (examples, manifests tests write), keeping compiled
     * modules in {@code compileCache} so that a big guest compiles once across test classes and runs.
     */
    public static RunningApp start(Path manifest, Path compileCache) throws Exception {
        return start(WasmApp.builder(lock(manifest)).withCompileCache(compileCache).build(), HttpTriggerOptions.defaults());
    }

    static RunningApp start(LockedApp app, boolean writableMounts) throws Exception {
        return start(WasmApp.builder(app).withWritableMounts(writableMounts).build(), HttpTriggerOptions.defaults());
    }

    static RunningApp start(WasmApp wasm, HttpTriggerOptions options) throws Exception {
        Path logDir = Files.createTempDirectory("spinj-logs-");
        HttpTrigger trigger = trigger(wasm, logDir, options);
        var out = new ByteArrayOutputStream();
        InetSocketAddress address = trigger.start(new PrintStream(out, true));
        return new RunningApp(trigger, address, logDir, out.toString());
    }

    /** Serves with the given component output sinks instead of log files. */
    static RunningApp start(WasmApp wasm, ComponentLogs logs, HttpTriggerOptions options) throws Exception {
        HttpTrigger trigger = HttpTrigger.create(wasm, logs, options.withListen("127.0.0.1:0"));
        var out = new ByteArrayOutputStream();
        InetSocketAddress address = trigger.start(new PrintStream(out, true));
        return new RunningApp(trigger, address, logs.logDir(), out.toString());
    }

    HttpTrigger trigger() {
        return trigger;
    }

    InetSocketAddress address() {
        return address;
    }

    /** A raw TCP connection to the server, for what an HTTP client hides. */
    RawConnection connect() throws java.io.IOException {
        return new RawConnection(address);
    }

    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + address.getPort() + pathAndQuery);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends without waiting, failing the response if it takes longer than {@code limit}. */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(String pathAndQuery, Duration limit) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(url(pathAndQuery)).timeout(limit).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(url(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            trigger.stop(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
