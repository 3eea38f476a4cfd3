package dev.spinj.wasm.kv;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A store on a Redis server ({@code type = "redis"}): keys as-is, values as bytes. Connects on
 * first use, like Spin, so an app whose Redis is down still starts and reports {@code io} errors.
 */
public final class RedisKeyValueStore implements KeyValueStore {
    private final String label;
    private final RedisURI uri;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;

    public RedisKeyValueStore(String label, String url) {
        this.label = label;
        try {
            this.uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key-value store '" + label + "': invalid Redis URL: " + e.getMessage(), e);
        }
    }

    private synchronized RedisCommands<String, byte[]> commands() throws KeyValueException {
        if (connection == null || !connection.isOpen()) {
            try {
                if (client == null) {
                    client = RedisClient.create(uri);
                }
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            } catch (RedisException e) {
                throw new KeyValueException("key-value store '" + label + "': cannot connect to Redis at "
                        + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage(), e);
            }
        }
        return connection.sync();
    }

    @Override
    public Optional<byte[]> get(String key) throws KeyValueException {
        RedisCommands<String, byte[]> redis = commands();
        try {
            return Optional.ofNullable(redis.get(key));
        } catch (RedisException e) {
            throw failure("get", e);
        }
    }

    @Override
    public void set(String key, byte[] value) throws KeyValueException {
        RedisCommands<String, byte[]> redis = commands();
        try {
            redis.set(key, value);
        } catch (RedisException e) {
            throw failure("set", e);
        }
    }

    @Override
    public void delete(String key) throws KeyValueException {
        RedisCommands<String, byte[]> redis = commands();
        try {
            redis.del(key);
        } catch (RedisException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public boolean exists(String key) throws KeyValueException {
        RedisCommands<String, byte[]> redis = commands();
        try {
            return redis.exists(key) > 0;
        } catch (RedisException e) {
            throw failure("exists", e);
        }
    }

    @Override
    public List<String> keys() throws KeyValueException {
        RedisCommands<String, byte[]> redis = commands();
        try {
            return redis.keys("*");
        } catch (RedisException e) {
            throw failure("get-keys", e);
        }
    }

    @Override
    public long increment(String key, long delta) throws KeyValueException {
        RedisCommands<String, byte[]> redis = commands();
        try {
            return redis.incrby(key, delta);
        } catch (RedisException e) {
            throw failure("increment", e);
        }
    }

    /** Compare and set in one server-side step, so no other client can write in between. */
    private static final String SWAP_IF_UNCHANGED =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 else return 0 end";

    @Override
    public boolean compareAndSwap(String key, Optional<byte[]> expected, byte[] value) throws KeyValueException {
        if (expected.isEmpty()) {
            set(key, value);
            return true;
        }
        RedisCommands<String, byte[]> redis = commands();
        try {
            Long swapped = redis.eval(SWAP_IF_UNCHANGED.getBytes(StandardCharsets.UTF_8), ScriptOutputType.INTEGER,
                    new String[] {key}, expected.get(), value);
            return swapped == 1L;
        } catch (RedisException e) {
            throw failure("swap", e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    private KeyValueException failure(String operation, RedisException e) {
        return new KeyValueException(operation + " in store '" + label + "' failed: " + e.getMessage(), e);
    }
}
