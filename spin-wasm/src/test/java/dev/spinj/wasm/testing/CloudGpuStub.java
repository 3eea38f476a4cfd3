package dev.spinj.wasm.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server standing in for Spin's cloud-gpu LLM server: it records every request
 * (method, path, authorization header, body) and answers each path with the JSON a test set.
 */
public final class CloudGpuStub implements AutoCloseable {
    /** One request as the server received it. */
    public record Received(String method, String path, String authorization, String contentType, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> replies;

    private CloudGpuStub(Map<String, String> replies) throws IOException {
        this.replies = Map.copyOf(replies);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("authorization"),
                    exchange.getRequestHeaders().getFirst("content-type"), body));
            String reply = this.replies.get(path);
            byte[] bytes = (reply == null ? "no such path" : reply).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(reply == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** @param replies response body by request path ({@code /infer}, {@code /embed}) */
    public static CloudGpuStub answering(Map<String, String> replies) throws IOException {
        return new CloudGpuStub(replies);
    }

    /** The server's URL with a path of its own, which Spin's protocol replaces. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/base/");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
