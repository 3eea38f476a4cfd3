package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.loader.AppLoader;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.trigger.http.HttpTrigger;
import dev.spinj.trigger.http.HttpTriggerOptions;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.stdio.ComponentLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The host-probe app ({@code src/test/resources/apps/host-probe}) served for real: C guests of
 * both flavours ({@code /a/...}, {@code /b/...}) calling every host import, Netty on a free
 * loopback port. Each probe takes a tab-separated script as its body and echoes the results.
 */
final class HostProbe implements AutoCloseable {
    static final List<String> FLAVOURS = List.of("a", "b");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final WasmApp wasm;
    private final HttpTrigger trigger;
    private final InetSocketAddress address;

    private HostProbe(WasmApp wasm, HttpTrigger trigger, InetSocketAddress address) {
        this.wasm = wasm;
        this.trigger = trigger;
        this.address = address;
    }

    /** The probe app's lock, as {@code spin up} would write it. */
    static LockedApp lock() throws Exception {
        Path manifest = Path.of("src/test/resources/apps/host-probe/spin.toml");
        return AppLoader.load(manifest, Files.createTempDirectory("spinj-probe-"), new AppLoader.Options(false, Map.of()));
    }

    /** The lock with every component changed by {@code change}. */
    static LockedApp withComponents(LockedApp app, UnaryOperator<LockedComponent> change) {
        return new LockedApp(app.spinLockVersion(), app.metadata(), app.variables(), app.triggers(),
                app.components().stream().map(change).toList());
    }

    /** The lock with one metadata entry of every component replaced. */
    static LockedApp withComponentMetadata(LockedApp app, String key, Object value) {
        return withComponents(app, c -> {
            Map<String, Object> metadata = new HashMap<>(c.metadata());
            metadata.put(key, value);
            return new LockedComponent(c.id(), metadata, c.source(), c.env(), c.files(), c.config());
        });
    }

    static HostProbe start(LockedApp app) throws Exception {
        return start(app, Map.of(), HostSettings.defaults());
    }

    static HostProbe start(LockedApp app, Map<String, String> env, HostSettings settings) throws Exception {
        return start(app, env, settings, HttpTriggerOptions.defaults());
    }

    static HostProbe start(LockedApp app, HostSettings settings, HttpTriggerOptions options) throws Exception {
        return start(app, Map.of(), settings, options);
    }

    /** Serves with a {@code --request-timeout}: a guest (and its host calls) still running after it gets 503. */
    static HostProbe startWithRequestTimeout(LockedApp app, HostSettings settings, Duration timeout) throws Exception {
        HttpTriggerOptions defaults = HttpTriggerOptions.defaults();
        return start(app, settings, defaults.withLimits(defaults.maxBodyBytes(), defaults.maxHeaderBytes(), timeout));
    }

    private static HostProbe start(LockedApp app, Map<String, String> env, HostSettings settings, HttpTriggerOptions options)
            throws Exception {
        WasmApp wasm = WasmApp.builder(app).withProcessEnv(env).withHostSettings(settings).build();
        ComponentLogs logs = new ComponentLogs(Files.createTempDirectory("spinj-probe-logs-"), true, Set.of(),
                System.out, System.err);
        HttpTrigger trigger = HttpTrigger.create(wasm, logs, options.withListen("127.0.0.1:0"));
        InetSocketAddress address = trigger.start(new PrintStream(new ByteArrayOutputStream(), true));
        return new HostProbe(wasm, trigger, address);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a probe script in one flavour's guest, expecting 200, and returns what it echoed. */
    String run(String flavour, String probe, String... lines) throws Exception {
        HttpResponse<String> response = post("/" + flavour + "/" + probe, String.join("\n", lines));
        assertEquals(200, response.statusCode(), () -> "probe " + probe + " in flavour " + flavour + ": " + response.body());
        return response.body();
    }

    @Override
    public void close() {
        try {
            trigger.stop(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            wasm.close();
        }
    }
}
