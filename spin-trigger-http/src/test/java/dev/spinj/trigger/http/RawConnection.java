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
        socket = new Socket();
        socket.connect(server, 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
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
