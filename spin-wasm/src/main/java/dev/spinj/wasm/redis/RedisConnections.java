package dev.spinj.wasm.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One binary-safe connection per Redis address, shared by every instance of every component
 * (Lettuce connections are thread-safe and pipeline concurrent commands), opened on first use.
 * A failed connect is not remembered: the next call tries again.
 */
final class RedisConnections implements AutoCloseable {
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
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
        if (resources != null) {
            resources.shutdown();
            resources = null;
        }
    }
}
