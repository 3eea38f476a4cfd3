package dev.spinj.wasm.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How spinj talks to Redis, for the trigger and the outbound host alike. */
public final class LettuceSettings {
    /** Short enough that a trigger pointed at a dead server fails within seconds, not Lettuce's 10. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private LettuceSettings() {}

    /** Event loops for a set of clients; reconnects back off from 100 ms up to 5 s. */
    public static ClientResources resources() {
        return ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * RESP2, as Spin's redis-rs speaks (pub/sub on its own connection, no RESP3 reply types).
     * Auto-reconnect is on; commands issued while
     * disconnected fail at once instead of queueing, so a guest gets its error variant promptly.
     */
    public static ClientOptions options() {
        return ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP2)
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build();
    }
}
