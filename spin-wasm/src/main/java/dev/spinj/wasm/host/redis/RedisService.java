package dev.spinj.wasm.host.redis;

import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.redis.RedisCallTimeout;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Outbound Redis for guests, whichever interface version they call: the components' allow-lists,
 * the typed commands on the connection shared per address (they leave no state behind), and
 * {@link Session}s for {@code execute}, which may run anything and so gets connections of its
 * own. Every call gives up when the guest's deadline is spent.
 */
public final class RedisService implements AutoCloseable {
    private final RedisConnections connections = new RedisConnections();
    private final RespConnectionPool executeConnections = new RespConnectionPool();
    private final BiPredicate<String, String> policy;

    /** @param policy whether a component (by id) may reach an address */
    private RedisService(BiPredicate<String, String> policy) {
        this.policy = policy;
    }

    /**
     * Redis behind the app's one outbound network policy: {@code allowed_outbound_hosts} of a
     * Spin 2 lock (templates resolved, SPEC2 §3.8); a Spin 1 lock checks nothing for Redis (SPEC 3.3).
     */
    public static RedisService forApp(AppAllowLists allowLists) {
        return new RedisService((componentId, address) -> {
            if (!allowLists.spin2()) {
                return true;
            }
            AllowedOutboundHosts hosts = allowLists.of(componentId);
            URI url = redisUrl(address);
            return hosts != null && url != null && hosts.allows(url);
        });
    }

    private static URI redisUrl(String address) {
        try {
            URI url = new URI(address);
            return url.getScheme() == null || url.getHost() == null ? null : url;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether {@code componentId} may reach the server at {@code address} (SPEC 3.3, SPEC2 §4.2). */
    public boolean allows(String componentId, String address) {
        return policy.test(componentId, address);
    }

    /** Connects to {@code address} now (the shared connection), as a 2.x+ {@code open} does; fails when it cannot. */
    public void connect(String address) {
        connections.commands(address);
    }

    public void publish(String address, byte[] channel, byte[] payload) {
        typed(address, c -> c.publish(channel, payload));
    }

    public void set(String address, byte[] key, byte[] value) {
        typed(address, c -> c.set(key, value));
    }

    /** The value, or null for a missing key. */
    public byte[] get(String address, byte[] key) {
        return typed(address, c -> c.get(key));
    }

    public long incr(String address, byte[] key) {
        return typed(address, c -> c.incr(key));
    }

    public long del(String address, byte[][] keys) {
        return typed(address, c -> c.del(keys));
    }

    public long sadd(String address, byte[] key, byte[][] values) {
        return typed(address, c -> c.sadd(key, values));
    }

    public long srem(String address, byte[] key, byte[][] values) {
        return typed(address, c -> c.srem(key, values));
    }

    /**
     * Set members as strings.
     *
     * @throws RedisTypeException when a member is not UTF-8, as Spin's conversion fails
     */
    public List<String> smembers(String address, byte[] key) {
        Set<byte[]> members = typed(address, c -> c.smembers(key));
        List<String> out = new ArrayList<>(members.size());
        for (byte[] m : members) {
            try {
                out.add(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(m)).toString());
            } catch (CharacterCodingException e) {
                throw new RedisTypeException("a set member is not valid UTF-8");
            }
        }
        return out;
    }

    /** A command of Lettuce's typed API on the shared connection to the address, awaited until the guest's deadline. */
    private <T> T typed(String address, Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        return RedisCallTimeout.await(command.apply(connections.commands(address)));
    }

    /** Connections for {@code execute}, one per address, held until the session closes. */
    public Session session() {
        return new Session(new ExecuteSession(executeConnections));
    }

    /** The {@code execute} connections of one instance (1.x) or one connection resource (2.x+). */
    public static final class Session implements AutoCloseable {
        private final ExecuteSession connections;

        private Session(ExecuteSession connections) {
            this.connections = connections;
        }

        /**
         * Runs a generic command and flattens its reply (SPEC 3.3).
         *
         * @throws RedisReplyException for an error reply
         * @throws java.io.UncheckedIOException when the server cannot be reached or the connection broke
         */
        public List<RedisResult> execute(String address, byte[] command, List<byte[]> args) {
            return connections.execute(address, command, args);
        }

        @Override
        public void close() {
            connections.close();
        }
    }

    @Override
    public void close() {
        connections.close();
        executeConnections.close();
    }
}
