package dev.spinj.trigger.redis;

import dev.spinj.wasm.redis.LettuceSettings;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pub/sub connection to one Redis server, subscribed to every channel the app handles there.
 * A message goes to each {@link ChannelWorker} of its channel (one per component that handles
 * it; Spin 2+ runs them all, SPEC2 §1.5). When the connection drops, Lettuce
 * reconnects with backoff and resubscribes; messages published meanwhile are lost (pub/sub has
 * no replay).
 */
final class RedisSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);

    private final String address;
    /** Channel to the workers of the components that handle it. */
    private final Map<String, List<ChannelWorker>> workers;
    private final RedisClient client;
    private StatefulRedisPubSubConnection<byte[], byte[]> connection;
    private volatile boolean stopping;

    RedisSubscriber(String address, Map<String, List<ChannelWorker>> workers, ClientResources resources) {
        this.address = address;
        this.workers = Collections.unmodifiableMap(new LinkedHashMap<>(workers));
        this.client = RedisClient.create(resources);
        client.setOptions(LettuceSettings.options());
        client.addListener(new ConnectionLog());
    }

    String address() {
        return address;
    }

    /** Every channel's workers, channel by channel. */
    List<ChannelWorker> workers() {
        return workers.values().stream().flatMap(List::stream).toList();
    }

    /** Connects and subscribes to every channel; Lettuce repeats the subscriptions after a reconnect. */
    void subscribe() throws RedisConnectException {
        try {
            connection = client.connectPubSub(ByteArrayCodec.INSTANCE, RedisURI.create(address));
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    workers.getOrDefault(new String(channel, StandardCharsets.UTF_8), List.of())
                            .forEach(worker -> worker.submit(message));
                }
            });
            connection.sync().subscribe(workers.keySet().stream()
                    .map(c -> c.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new));
        } catch (RedisException | IllegalArgumentException e) {
            close();
            throw new RedisConnectException(address, e);
        }
    }

    /**
     * Unsubscribes (best effort: the server may be gone), lets each channel finish what it has
     * received within {@code grace}, then drops what is left, interrupts the running guests and
     * disconnects.
     */
    void stop(long grace, TimeUnit unit) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + unit.toNanos(grace);
        if (connection != null && connection.isOpen()) {
            try {
                // a paused or hung server must not hold the stop past its grace
                if (!connection.async().unsubscribe().await(grace, unit)) {
                    LOG.debug("Redis at {} did not confirm the unsubscribe within the grace period", address);
                }
            } catch (RedisException e) {
                LOG.debug("Unsubscribing from {} failed: {}", address, e.getMessage());
            }
        }
        for (ChannelWorker worker : workers()) {
            worker.drain(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        close();
    }

    /** Disconnects at once, dropping the queued messages and interrupting the running guests. */
    void close() {
        stopping = true;
        workers().forEach(ChannelWorker::stopNow);
        if (connection != null) {
            connection.close();
            connection = null;
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Says when the server went away and came back, since messages in between are lost. */
    private final class ConnectionLog implements RedisConnectionStateListener {
        private volatile boolean lost;

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (!stopping) {
                lost = true;
                LOG.warn("Lost the connection to {}; reconnecting (messages published until then are lost)", address);
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress socket) {
            if (lost && !stopping) {
                lost = false;
                LOG.info("Reconnected to {}; resubscribing to {}", address, workers.keySet());
            }
        }
    }
}
