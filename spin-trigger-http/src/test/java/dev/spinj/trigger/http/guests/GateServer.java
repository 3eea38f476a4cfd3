package dev.spinj.trigger.http.guests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The loopback server a guest's outbound requests reach in tests: {@code /gate?after=N} answers
 * only once the test {@linkplain #release releases} N (so the test decides when a streaming guest
 * goes on, and can see what it sent before), {@code /upstream} answers {@link #UPSTREAM_BODY}.
 */
public final class GateServer implements AutoCloseable {
    public static final String UPSTREAM_BODY = "upstream says hi\n";
    private static final Duration HOLD_AT_MOST = Duration.ofMinutes(2);

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<Integer, CountDownLatch> arrived = new ConcurrentHashMap<>();
    private final Map<Integer, CountDownLatch> released = new ConcurrentHashMap<>();

    private GateServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static GateServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService threads = Executors.newCachedThreadPool(); // held gates must not block other requests
            server.setExecutor(threads);
            GateServer gate = new GateServer(server, threads);
            server.createContext("/gate", gate::gate);
            server.createContext("/upstream", exchange -> answer(exchange, UPSTREAM_BODY));
            server.start();
            return gate;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gate server on loopback", e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Whether {@code /gate?after=<after>} was requested within {@code timeout}. */
    public boolean awaitArrival(int after, Duration timeout) throws InterruptedException {
        return latch(arrived, after).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets {@code /gate?after=<after>} answer (now, or as soon as it arrives). */
    public void release(int after) {
        latch(released, after).countDown();
    }

    @Override
    public void close() {
        released.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        threads.shutdownNow();
    }

    private void gate(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (query == null || !query.startsWith("after=")) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        int after = Integer.parseInt(query.substring("after=".length()));
        latch(arrived, after).countDown();
        try {
            if (!latch(released, after).await(HOLD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS)) {
                exchange.sendResponseHeaders(504, -1); // the test never released it: fail the guest, not hang
                exchange.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        answer(exchange, "released " + after + "\n");
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static CountDownLatch latch(Map<Integer, CountDownLatch> latches, int after) {
        return latches.computeIfAbsent(after, k -> new CountDownLatch(1));
    }
}
