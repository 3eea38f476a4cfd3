package dev.spinj.trigger.http;

import dev.spinj.trigger.http.executor.HttpExecutor;
import dev.spinj.trigger.http.executor.StreamingHttpExecutor;
import dev.spinj.trigger.http.routing.Route;
import dev.spinj.trigger.http.routing.Router;
import dev.spinj.wasm.Deadlines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Netty server on a loopback port with executors written by a test standing in for
 * guests: {@code /stream/...} streams (a {@link StreamingHttpExecutor}), {@code /whole} answers
 * whole with {@code whole:<body length>}.
 */
final class StreamingServer implements AutoCloseable {
    private final HttpServer server;
    private final WorkerPool workers;
    private final RequestDispatcher dispatcher;

    private StreamingServer(HttpServer server, WorkerPool workers, RequestDispatcher dispatcher) {
        this.server = server;
        this.workers = workers;
        this.dispatcher = dispatcher;
    }

    static StreamingServer start(StandInGuest guest) throws IOException {
        return start(guest, HttpTriggerOptions.defaults());
    }

    static StreamingServer start(StandInGuest guest, HttpTriggerOptions options) throws IOException {
        StreamingHttpExecutor streaming = guest.asExecutor();
        Route stream = new Route("streamer", "/stream/...", null);
        Route whole = new Route("whole", "/whole", null);
        HttpExecutor answerWhole = (match, request) -> OutboundResponse.text(200, "text/plain",
                "whole:" + request.body().length);
        var dispatcher = new RequestDispatcher(Router.build("/", List.of(stream, whole)), Map.of(whole, answerWhole),
                Map.of(stream, streaming), new Deadlines(options.requestTimeout()), "streaming", "1");
        var workers = new WorkerPool(options.workers(), options.workers(), options.queueLength(),
                options.maxQueuedBodyBytes());
        HttpServer server = HttpServer.bind(new InetSocketAddress("127.0.0.1", 0),
                new HttpServerInitializer(dispatcher, workers, options, null));
        return new StreamingServer(server, workers, dispatcher);
    }

    InetSocketAddress address() {
        return server.address();
    }

    RawConnection connect() throws IOException {
        return new RawConnection(address());
    }

    @Override
    public void close() {
        server.stopAccepting();
        try {
            workers.shutdownAndWait(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        dispatcher.close();
    }
}
