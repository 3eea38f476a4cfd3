package dev.spinj.wasm.host.redis;

import dev.spinj.wasm.redis.LettuceSettings;
import dev.spinj.wasm.redis.RedisCallTimeout;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A plain RESP2 connection for {@code execute}. Lettuce hands status lines and bulk strings to a
 * command output through the same call, but Spin keeps them apart ({@code status} vs
 * {@code binary}) and drops {@code +OK}; reading the reply ourselves is the only exact way.
 * One command at a time; a broken connection is discarded by its owner.
 *
 * <p>Every wait is bounded by the calling guest's deadline ({@link RedisCallTimeout}): connect and
 * reads time out when it is spent, and the socket is an interruptible channel, so the deadline's
 * interrupt also ends a blocked write. The connection remembers whether a command changed its
 * session state (database, transaction, subscriptions, ...), so that it is never handed to
 * another instance in that state.
 */
final class RespConnection implements AutoCloseable {
    /** Commands whose effect outlives them on the connection. */
    private static final Set<String> STATE_CHANGING = Set.of("SELECT", "MULTI", "WATCH", "CLIENT", "AUTH", "HELLO",
            "RESET", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR", "READONLY", "READWRITE", "SYNC", "PSYNC", "REPLCONF");

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private boolean stateChanged;
    /** Set while a command's reply is not read to its end, so that a failure of any kind leaves it set. */
    private boolean midCommand;

    private RespConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new BufferedInputStream(channel.socket().getInputStream());
        this.out = new BufferedOutputStream(channel.socket().getOutputStream());
    }

    /** Connects to {@code uri}, authenticating and selecting its database like Lettuce would. */
    static RespConnection open(RedisURI uri) throws IOException {
        if (uri.isSsl()) {
            throw new IOException("execute does not support TLS (rediss://) addresses");
        }
        SocketChannel channel = SocketChannel.open();
        try {
            Duration connectTimeout = RedisCallTimeout.current();
            if (connectTimeout.compareTo(LettuceSettings.CONNECT_TIMEOUT) > 0) {
                connectTimeout = LettuceSettings.CONNECT_TIMEOUT;
            }
            channel.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) connectTimeout.toMillis());
            RespConnection connection = new RespConnection(channel);
            RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
            if (credentials != null && credentials.hasPassword()) {
                List<byte[]> auth = new ArrayList<>();
                if (credentials.hasUsername()) {
                    auth.add(credentials.getUsername().getBytes(StandardCharsets.UTF_8));
                }
                auth.add(new String(credentials.getPassword()).getBytes(StandardCharsets.UTF_8));
                connection.execute(bytes("AUTH"), auth);
            }
            if (uri.getDatabase() != 0) {
                connection.execute(bytes("SELECT"), List.of(bytes(String.valueOf(uri.getDatabase()))));
            }
            connection.stateChanged = false; // the address's own credentials and database are its baseline
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether another user may have this connection: no command left state on it that the next
     * user must not inherit, and none stopped halfway, leaving its reply unread.
     */
    boolean reusable() {
        return !stateChanged && !midCommand;
    }

    /**
     * Sends one command and reads its whole reply, flattened as Spin does
     * ({@code fermyon/spin@v1.5.1:crates/outbound-redis/src/lib.rs}, {@code RedisResults}): nil and
     * {@code +OK} dropped, arrays flattened depth-first, integers {@code int64}, bulk strings
     * {@code binary}, other status lines {@code status}.
     *
     * @throws RedisReplyException for an error reply (anywhere in it); the connection stays usable
     * @throws IOException when the connection broke or the deadline passed; discard it
     */
    synchronized List<RedisResult> execute(byte[] command, List<byte[]> args) throws IOException {
        channel.socket().setSoTimeout((int) RedisCallTimeout.current().toMillis());
        if (STATE_CHANGING.contains(new String(command, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT))) {
            stateChanged = true;
        }
        midCommand = true;
        writeBulkArray(command, args);
        out.flush();
        List<RedisResult> results = new ArrayList<>();
        String error;
        try {
            error = read(results);
        } catch (NumberFormatException e) {
            throw new IOException("malformed RESP reply from Redis: " + e.getMessage(), e);
        }
        midCommand = false;
        if (error != null) {
            throw new RedisReplyException(error);
        }
        return results;
    }

    private void writeBulkArray(byte[] command, List<byte[]> args) throws IOException {
        out.write(bytes("*" + (args.size() + 1) + "\r\n"));
        writeBulk(command);
        for (byte[] arg : args) {
            writeBulk(arg);
        }
    }

    private void writeBulk(byte[] value) throws IOException {
        out.write(bytes("$" + value.length + "\r\n"));
        out.write(value);
        out.write('\r');
        out.write('\n');
    }

    /** Reads one reply (recursively) into {@code results}; returns the first error message in it, or null. */
    private String read(List<RedisResult> results) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = new String(readLine(), StandardCharsets.UTF_8);
        switch (type) {
            case '+' -> {
                if (!line.equals("OK")) {
                    results.add(new RedisResult.Status(line));
                }
                return null;
            }
            case '-' -> {
                return line;
            }
            case ':' -> {
                results.add(new RedisResult.Int64(Long.parseLong(line)));
                return null;
            }
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    byte[] value = in.readNBytes(length);
                    if (value.length < length || in.read() != '\r' || in.read() != '\n') {
                        throw new EOFException("truncated bulk string from Redis");
                    }
                    results.add(new RedisResult.Binary(value));
                }
                return null;
            }
            case '*' -> {
                String error = null;
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    String e = read(results);
                    error = error == null ? e : error;
                }
                return error;
            }
            default -> throw new IOException("unexpected RESP reply type '" + (char) type + "'");
        }
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Redis closed the connection");
            }
            line.write(b);
        }
        if (in.read() != '\n') {
            throw new IOException("malformed RESP line");
        }
        return line.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
