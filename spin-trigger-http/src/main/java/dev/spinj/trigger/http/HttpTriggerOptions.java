package dev.spinj.trigger.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * HTTP trigger settings from the command line, each with a default that keeps the server up.
 *
 * @param listen address to listen on, {@code host:port}
 * @param workers threads running guests at once ({@code --max-concurrency})
 * @param queueLength requests waiting for a worker before new ones get 503 ({@code --max-queue})
 * @param maxBodyBytes request bodies above this get 413 ({@code --max-request-body})
 * @param maxHeaderBytes request headers above this get 431 ({@code --max-request-header})
 * @param requestTimeout a guest still running after this is interrupted, 503 ({@code --request-timeout})
 * @param tls certificate and key to serve https with ({@code --tls-cert}, {@code --tls-key}); null serves http
 * @param headerReadTimeout a connection that has not sent a whole request head this long after it opened, or after
 *     the first byte of a later request, is closed ({@code --header-read-timeout}); zero for none
 * @param idleTimeout a connection with no request in flight that sends nothing this long is closed: between
 *     keep-alive requests and while a request body stalls ({@code --idle-timeout}); zero for none
 * @param maxConnections open connections at most; at the cap the listener stops accepting until one closes
 *     ({@code --max-connections})
 */
public record HttpTriggerOptions(
        String listen, int workers, int queueLength, int maxBodyBytes, int maxHeaderBytes, Duration requestTimeout,
        TlsFiles tls, Duration headerReadTimeout, Duration idleTimeout, int maxConnections) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:3000";
    public static final int DEFAULT_MAX_BODY = 64 << 20;
    public static final int DEFAULT_MAX_HEADER = 32 << 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE = 1024;
    /** Ample for a whole request head (and a TLS handshake) on a slow link; a slowloris holds a descriptor no longer. */
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longer than the 60 s idle timeout of common proxies and load balancers, so the proxy in front closes an idle
     * connection first and never sends a request on one this server is closing.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    private static final int MAX_CONNECTIONS_CEILING = 10_000;

    /** Two workers per core: guests block in host calls (outbound HTTP, databases) as well as compute. */
    public static int defaultWorkers() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    }

    /**
     * 10,000 connections, or half the process's file descriptors when that is less: the other half stays for
     * modules, log files, databases and outbound sockets, so a flood of connections cannot starve them.
     */
    public static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return (int) Math.max(1, Math.min(MAX_CONNECTIONS_CEILING, unix.getMaxFileDescriptorCount() / 2));
        }
        return MAX_CONNECTIONS_CEILING;
    }

    public static HttpTriggerOptions defaults() {
        return new HttpTriggerOptions(DEFAULT_LISTEN, defaultWorkers(), DEFAULT_QUEUE, DEFAULT_MAX_BODY, DEFAULT_MAX_HEADER,
                DEFAULT_TIMEOUT, null, DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT, defaultMaxConnections());
    }

    public HttpTriggerOptions withListen(String address) {
        return new HttpTriggerOptions(address, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                headerReadTimeout, idleTimeout, maxConnections);
    }

    public HttpTriggerOptions withConcurrency(int workerThreads, int queue) {
        return new HttpTriggerOptions(listen, workerThreads, queue, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                headerReadTimeout, idleTimeout, maxConnections);
    }

    public HttpTriggerOptions withLimits(int bodyBytes, int headerBytes, Duration timeout) {
        return new HttpTriggerOptions(listen, workers, queueLength, bodyBytes, headerBytes, timeout, tls,
                headerReadTimeout, idleTimeout, maxConnections);
    }

    public HttpTriggerOptions withTls(TlsFiles files) {
        return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, files,
                headerReadTimeout, idleTimeout, maxConnections);
    }

    public HttpTriggerOptions withConnectionLimits(Duration headerRead, Duration idle, int connections) {
        return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                headerRead, idle, connections);
    }

    /** {@code https} when serving with a certificate, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }
}
