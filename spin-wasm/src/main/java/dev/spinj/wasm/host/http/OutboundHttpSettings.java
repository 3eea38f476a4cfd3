package dev.spinj.wasm.host.http;

import java.time.Duration;

/**
 * Limits of the app's outbound HTTP client.
 *
 * @param connectTimeout how long a TCP/TLS connect may take
 * @param totalTimeout how long a whole request may take, response body included
 * @param maxResponseBytes a larger response body fails the request with {@code runtime-error}
 */
public record OutboundHttpSettings(Duration connectTimeout, Duration totalTimeout, long maxResponseBytes) {
    public static OutboundHttpSettings defaults() {
        return new OutboundHttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 64L << 20);
    }

    public OutboundHttpSettings withConnectTimeout(Duration timeout) {
        return new OutboundHttpSettings(timeout, totalTimeout, maxResponseBytes);
    }

    public OutboundHttpSettings withTotalTimeout(Duration timeout) {
        return new OutboundHttpSettings(connectTimeout, timeout, maxResponseBytes);
    }

    public OutboundHttpSettings withMaxResponseBytes(long bytes) {
        return new OutboundHttpSettings(connectTimeout, totalTimeout, bytes);
    }
}
