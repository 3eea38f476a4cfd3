package dev.spinj.wasm.host.redis;

import dev.spinj.wasm.redis.LettuceSettings;
import dev.spinj.wasm.redis.RedisCallTimeout;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One binary-safe Lettuce connection per Redis address for the typed functions ({@code get},
 * {@code set}, ...), shared by every instance of every component: those commands leave no state on
 * a connection, and Lettuce connections are thread-safe and pipeline concurrent commands. Opened
 * on first use without holding any lock, so callers waiting on a server that does not answer
 * each give up at their own deadline; a failed connect is forgotten and the next call tries again.
 */
final class RedisConnections implements AutoCloseable {
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private ClientResources resources;

    private record Connection(RedisClient client, CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connected) {}

    /**
     * Commands on the connection to {@code address}, waiting for it at most
     * {@link RedisCallTimeout#current()}.
     *
     * @throws IllegalArgumentException when the address is not a Redis URL
     * @throws io.lettuce.core.RedisException when the server cannot be reached in time
     */
    RedisAsyncCommands<byte[], byte[]> commands(String address) {
        Connection connection = open.computeIfAbsent(address, this::connect);
        if (connection.connected().isCompletedExceptionally()) {
            // it failed while nobody was waiting for it
            forget(address, connection);
            connection = open.computeIfAbsent(address, this::connect);
        }
        try {
            return RedisCallTimeout.await(connection.connected()).async();
        } catch (RuntimeException e) {
            if (connection.connected().isCompletedExceptionally()) {
                forget(address, connection);
            }
            throw e;
        }
    }

    /** Starts connecting; the caller waits for it, so no lock is held meanwhile. */
    private Connection connect(String address) {
        RedisURI uri = RedisURI.create(address);
        RedisClient client = RedisClient.create(resources(), uri);
        client.setOptions(LettuceSettings.options());
        return new Connection(client, client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture());
    }

    private void forget(String address, Connection failed) {
        if (open.remove(address, failed)) {
            failed.client().shutdownAsync();
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
            c.connected().thenAccept(StatefulRedisConnection::close);
            c.client().shutdown();
        }
        open.clear();
        if (resources != null) {
            resources.shutdown();
            resources = null;
        }
    }
}
