package dev.spinj.wasm.host.redis;

import dev.spinj.wasm.redis.LettuceSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One binary-safe Lettuce connection per Redis address, shared by every instance of every
 * component (Lettuce connections are thread-safe and pipeline concurrent commands), plus one
 * {@link RespConnection} per address for {@code execute}; both opened on first use. A failed
 * connect is not remembered: the next call tries again.
 */
final class RedisConnections implements AutoCloseable {
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final Map<String, RespConnection> resp = new ConcurrentHashMap<>();
    private ClientResources resources;

    private record Connection(RedisClient client, StatefulRedisConnection<byte[], byte[]> connection) {}

    /**
     * Commands on the connection to {@code address}.
     *
     * @throws IllegalArgumentException when the address is not a Redis URL
     * @throws io.lettuce.core.RedisException when the server cannot be reached
     */
    RedisCommands<byte[], byte[]> commands(String address) {
        return open.computeIfAbsent(address, this::connect).connection().sync();
    }

    /**
     * Runs a generic command on the RESP connection to {@code address}, replacing that connection
     * when it broke.
     *
     * @throws RedisReplyException for an error reply
     * @throws UncheckedIOException when the server cannot be reached or the connection broke
     */
    List<RedisResult> execute(String address, byte[] command, List<byte[]> args) {
        RespConnection connection = resp.computeIfAbsent(address, a -> {
            try {
                return RespConnection.open(RedisURI.create(a));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + a + ": " + e.getMessage(), e);
            }
        });
        try {
            return connection.execute(command, args);
        } catch (IOException e) {
            resp.remove(address, connection);
            closeQuietly(connection);
            throw new UncheckedIOException("connection to " + address + " failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(RespConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // already broken; nothing more to release
        }
    }

    private Connection connect(String address) {
        RedisClient client = RedisClient.create(resources(), RedisURI.create(address));
        client.setOptions(LettuceSettings.options());
        try {
            return new Connection(client, client.connect(ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    private synchronized ClientResources resources() {
        if (resources == null) {
            resources = LettuceSettings.resources();
        }
        return resources;
    }

    @Override
    public synchronized void close() {
        for (Connection c : open.values()) {
            c.connection().close();
            c.client().shutdown();
        }
        open.clear();
        resp.values().forEach(RedisConnections::closeQuietly);
        resp.clear();
        if (resources != null) {
            resources.shutdown();
            resources = null;
        }
    }
}
