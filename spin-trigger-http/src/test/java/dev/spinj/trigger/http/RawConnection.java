package dev.spinj.trigger.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A plain TCP connection to a test server speaking HTTP/1.1 by hand: for what a client library
 * hides (pipelining, half-sent heads, idle sockets, exact response framing).
 */
final class RawConnection implements AutoCloseable {
    /** One response as received: status, the head as text (names lower-cased), the body by content-length. */
    record Response(int status, String head, String body) {
        /** The first value of a header, or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawConnection(InetSocketAddress server) throws IOException {
        this(server, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes, 0 for the system's default */
    RawConnection(InetSocketAddress server, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(server, 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    RawConnection send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    RawConnection send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one response, waiting at most {@code limit}; a response without content-length has no body. */
    Response read(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        String head = readHead();
        String statusLine = head.substring(0, head.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String lowered = lowerCaseNames(head);
        Response response = new Response(status, lowered, "");
        String length = response.header("content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return new Response(status, lowered, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads a response head only, waiting at most {@code limit}: the body is left to {@link #readChunk} or {@link #input}. */
    Response readHead(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        String head = readHead();
        int status = Integer.parseInt(head.substring(0, head.indexOf("\r\n")).split(" ")[1]);
        return new Response(status, lowerCaseNames(head), "");
    }

    /** The next chunk of a chunked body, or null for the last (zero-size) chunk, whose trailers {@link #readTrailers} reads. */
    byte[] readChunk() throws IOException {
        String sizeLine = readLine();
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            return null;
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
            throw new IOException("connection closed inside a chunk: " + chunk.length + " of " + size + " bytes");
        }
        readLine();
        return chunk;
    }

    /** The trailer section after the last chunk, lines joined with CRLF (empty when there are none). */
    String readTrailers() throws IOException {
        var trailers = new StringBuilder();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            trailers.append(line).append("\r\n");
        }
        return lowerCaseNames(trailers.toString());
    }

    /** The rest of a chunked body, up to and including its trailers. */
    byte[] readChunkedBody() throws IOException {
        var body = new ByteArrayOutputStream();
        for (byte[] chunk; (chunk = readChunk()) != null; ) {
            body.write(chunk);
        }
        readTrailers();
        return body.toByteArray();
    }

    InputStream input() {
        return in;
    }

    /** True when the server closed the connection within {@code limit}; false when it is still open then. */
    boolean closedByServerWithin(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed inside a line; got: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private String readHead() throws IOException {
        var head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] sofar = head.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("connection closed before a whole response head; got: " + head);
    }

    private static String lowerCaseNames(String head) {
        var out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            out.append(colon > 0 && !line.startsWith("HTTP/")
                    ? line.substring(0, colon).toLowerCase(Locale.ROOT) + line.substring(colon) : line).append("\r\n");
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
