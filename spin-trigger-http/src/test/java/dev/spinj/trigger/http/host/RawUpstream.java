package dev.spinj.trigger.http.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream HTTP server on a real loopback socket that counts the connections it accepts and
 * records the exact bytes of each request (head, then as many body bytes as its
 * {@code content-length} says). It answers every request with one fixed response, or never.
 */
final class RawUpstream implements AutoCloseable {
    private final ServerSocket server;
    private final String response;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private RawUpstream(String response) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.response = response;
        Thread acceptor = new Thread(this::acceptLoop, "raw-upstream-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers {@code 200 OK} with body {@code upstream}. */
    static RawUpstream answering() throws IOException {
        return new RawUpstream("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nupstream");
    }

    /** Reads each request and never answers. */
    static RawUpstream silent() throws IOException {
        return new RawUpstream(null);
    }

    int port() {
        return server.getLocalPort();
    }

    String origin() {
        return "127.0.0.1:" + port();
    }

    int accepted() {
        return accepted.get();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread reader = new Thread(() -> serve(socket), "raw-upstream-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                bytes.write(b);
            }
            bytes.write(in.readNBytes(contentLength(bytes.toString(StandardCharsets.ISO_8859_1))));
            requests.add(bytes.toString(StandardCharsets.ISO_8859_1));
            if (response == null) {
                in.read(); // until the client gives up and closes
                return;
            }
            socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to record
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
