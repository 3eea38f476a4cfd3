package dev.spinj.trigger.http;

import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedTrigger;
import dev.spinj.trigger.http.executor.HandlerExports;
import dev.spinj.trigger.http.executor.HttpExecutor;
import dev.spinj.trigger.http.executor.SpinHttpExecutor;
import dev.spinj.trigger.http.executor.StaticResponseExecutor;
import dev.spinj.trigger.http.executor.StreamingHttpExecutor;
import dev.spinj.trigger.http.executor.WagiExecutor;
import dev.spinj.trigger.http.executor.WasiHttpExecutor;
import dev.spinj.trigger.http.routing.Route;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.Router;
import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.stdio.ComponentLogs;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP trigger of one app: every component prepared and every route built before the port
 * opens, so a broken app fails at startup and never mid-request.
 */
public final class HttpTrigger implements AutoCloseable {
    public static final String TYPE = "http";

    private final RequestDispatcher dispatcher;
    private final WasmApp wasm;
    private final HttpTriggerOptions options;
    private final WorkerPool workers;
    private HttpServer server;

    private HttpTrigger(RequestDispatcher dispatcher, WasmApp wasm, HttpTriggerOptions options) {
        this.dispatcher = dispatcher;
        this.wasm = wasm;
        this.options = options;
        long components = dispatcher.router().routes().stream().map(RouteMatch::componentId).distinct().count();
        this.workers = new WorkerPool(options.workers(), options.componentWorkerLimit((int) components),
                options.queueLength(), options.maxQueuedBodyBytes());
    }

    public static HttpTrigger create(WasmApp wasm, ComponentLogs logs, HttpTriggerOptions options)
            throws ComponentLoadException {
        LockedApp app = wasm.app();
        String base = app.triggerSetting(TYPE, "base").map(String::valueOf).orElse("/");
        List<Route> routes = new ArrayList<>();
        Map<Route, HttpExecutor> executors = new HashMap<>();
        Map<Route, StreamingHttpExecutor> streamingExecutors = new HashMap<>();
        Map<String, ComponentPre> prepared = new HashMap<>();
        for (LockedTrigger trigger : app.triggersOfType(TYPE)) {
            HttpTriggerConfig config;
            try {
                config = LockFiles.triggerConfig(trigger, HttpTriggerConfig.class);
            } catch (IllegalArgumentException e) {
                throw new ComponentLoadException(e.getMessage(), e);
            }
            if (config.staticResponse() != null) {
                // No component: the same answer every time, and nothing to instantiate.
                Route route = Route.staticResponse(trigger.id(), config.route(), config.staticResponse());
                executors.put(route, new StaticResponseExecutor(config.staticResponse()));
                routes.add(route);
                continue;
            }
            if (config.component() == null || (config.route() == null && !config.privateRoute())) {
                throw new ComponentLoadException("trigger " + trigger.id() + " needs a component and a route");
            }
            ComponentPre component = prepared.get(config.component());
            if (component == null) {
                component = wasm.prepare(config.component());
                prepared.put(config.component(), component);
            }
            String description = component.component().metadataString("description");
            Route route = config.privateRoute()
                    ? Route.privateRoute(config.component(), description)
                    : new Route(config.component(), config.route(), description);
            // Keyed by route, not component: one component may serve two triggers with different executors.
            if (component.isComponent() && !config.isWagi()) {
                streamingExecutors.put(route, new WasiHttpExecutor(component, HandlerExports.wasiHttp(component.id(), component.componentExports()), logs));
            } else {
                executors.put(route, wholeExecutor(component, config, logs, options));
            }
            routes.add(route);
        }
        Router router;
        try {
            router = Router.build(base, routes);
        } catch (IllegalArgumentException e) {
            throw new ComponentLoadException(e.getMessage(), e);
        }
        var deadlines = new Deadlines(options.requestTimeout());
        return new HttpTrigger(new RequestDispatcher(router, executors, streamingExecutors, deadlines, app.name(), app.version()), wasm, options);
    }

    /**
     * The executor of a guest that takes requests whole: WAGI ({@code executor = { type = "wagi" }})
     * or the Spin 1.x ABI, both from core modules (SPEC2 §1.4, §3.6).
     */
    private static HttpExecutor wholeExecutor(ComponentPre component, HttpTriggerConfig config, ComponentLogs logs,
            HttpTriggerOptions options) throws ComponentLoadException {
        if (component.isComponent()) {
            // WAGI over wasi:cli/run needs a component executor spinj does not have yet
            throw new ComponentLoadException("Component '" + component.id() + "' is a Spin 2+ component: spinj runs "
                    + "WAGI (executor = { type = \"wagi\" }) only from core modules");
        }
        if (config.isWagi()) {
            return new WagiExecutor(component, config.wagiEntrypoint(), config.wagiArgv(), logs, options.maxResponseBody());
        }
        return new SpinHttpExecutor(component, logs, options.maxResponseBody());
    }

    RequestDispatcher dispatcher() {
        return dispatcher;
    }

    WorkerPool workers() {
        return workers;
    }

    /** Binds the listener and prints the {@code Serving} and {@code Available Routes} lines. */
    public InetSocketAddress start(PrintStream out) throws IOException {
        InetSocketAddress requested = ListenAddress.parse(options.listen());
        SslContext tls = options.tls() == null ? null : options.tls().serverContext();
        server = HttpServer.bind(requested, new HttpServerInitializer(dispatcher, workers, options, tls));
        InetSocketAddress bound = server.address();
        String baseUrl = options.scheme() + "://" + hostForUrl(bound) + ":" + bound.getPort();
        // Relative outbound URLs (allowed host `self`) and this URL are served in-process.
        wasm.announceOrigin(URI.create(baseUrl), new LoopbackDispatch(dispatcher, options.scheme(), bound));
        out.println();
        out.println("Serving " + baseUrl);
        for (String line : dispatcher.router().availableRoutes(baseUrl)) {
            out.println(line);
        }
        out.flush();
        return bound;
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Graceful stop: no new connections, in-flight requests finish (up to {@code grace}), then close. */
    public void stop(long grace, TimeUnit unit) throws InterruptedException {
        if (server != null) {
            server.stopAccepting();
        }
        workers.shutdownAndWait(grace, unit);
        close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        dispatcher.close();
    }
}
