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
 * @param componentWorkers workers one component may hold at once, so a runaway component leaves
 *     the others a worker ({@code --max-component-concurrency}); 0 for {@code workers - 1} (at least 1)
 *     when the app has several components, else all
 * @param maxQueuedBodyBytes body bytes the requests waiting for a worker may hold in all; beyond
 *     this, 503 ({@code --max-queued-body})
 * @param maxResponseBody a guest's response body (WAGI stdout) above this is a 500 ({@code --max-response-body})
 * @param headerReadTimeout a connection that has not sent a whole request head this long after it opened, or after
 *     the first byte of a later request, is closed ({@code --header-read-timeout}); zero for none
 * @param idleTimeout a connection with no request in flight that sends nothing this long is closed: between
 *     keep-alive requests and while a request body stalls ({@code --idle-timeout}); zero for none
 * @param maxConnections open connections at most; at the cap the listener stops accepting until one closes
 *     ({@code --max-connections})
 */
public record HttpTriggerOptions(
        String listen, int workers, int queueLength, int maxBodyBytes, int maxHeaderBytes, Duration requestTimeout,
        TlsFiles tls, int componentWorkers, long maxQueuedBodyBytes, int maxResponseBody, Duration headerReadTimeout,
        Duration idleTimeout, int maxConnections) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:3000";
    public static final int DEFAULT_MAX_BODY = 64 << 20;
    public static final int DEFAULT_MAX_HEADER = 32 << 10;
    public static final int DEFAULT_MAX_RESPONSE_BODY = 64 << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE = 1024;
    public static final long DEFAULT_MAX_QUEUED_BODY = 256L << 20;
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
        return new Builder().build();
    }

    public HttpTriggerOptions withListen(String address) {
        return toBuilder().listen(address).build();
    }

    public HttpTriggerOptions withConcurrency(int workerThreads, int queue) {
        return toBuilder().concurrency(workerThreads, queue).build();
    }

    public HttpTriggerOptions withLimits(int bodyBytes, int headerBytes, Duration timeout) {
        return toBuilder().limits(bodyBytes, headerBytes, timeout).build();
    }

    public HttpTriggerOptions withTls(TlsFiles files) {
        return toBuilder().tls(files).build();
    }

    /**
     * @param perComponent workers one component may hold at once, 0 for all but one
     * @param queuedBodyBytes body bytes the waiting requests may hold in all
     */
    public HttpTriggerOptions withScheduling(int perComponent, long queuedBodyBytes) {
        return toBuilder().scheduling(perComponent, queuedBodyBytes).build();
    }

    public HttpTriggerOptions withMaxResponseBody(int bytes) {
        return toBuilder().maxResponseBody(bytes).build();
    }

    public HttpTriggerOptions withConnectionLimits(Duration headerRead, Duration idle, int connections) {
        return toBuilder().connectionLimits(headerRead, idle, connections).build();
    }

    /**
     * Workers one component may hold: as set, else all but one when the app has other components
     * (so a request to another component always finds one), else all of them.
     */
    public int componentWorkerLimit(int componentCount) {
        if (componentWorkers > 0) {
            return Math.min(componentWorkers, workers);
        }
        return componentCount > 1 ? Math.max(1, workers - 1) : workers;
    }

    /** {@code https} when serving with a certificate, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.listen = listen;
        b.workers = workers;
        b.queueLength = queueLength;
        b.maxBodyBytes = maxBodyBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.requestTimeout = requestTimeout;
        b.tls = tls;
        b.componentWorkers = componentWorkers;
        b.maxQueuedBodyBytes = maxQueuedBodyBytes;
        b.maxResponseBody = maxResponseBody;
        b.headerReadTimeout = headerReadTimeout;
        b.idleTimeout = idleTimeout;
        b.maxConnections = maxConnections;
        return b;
    }

    /** One place that lists every field, so each {@code with…} changes only its own. */
    private static final class Builder {
        private String listen = DEFAULT_LISTEN;
        private int workers = defaultWorkers();
        private int queueLength = DEFAULT_QUEUE;
        private int maxBodyBytes = DEFAULT_MAX_BODY;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER;
        private Duration requestTimeout = DEFAULT_TIMEOUT;
        private TlsFiles tls;
        private int componentWorkers;
        private long maxQueuedBodyBytes = DEFAULT_MAX_QUEUED_BODY;
        private int maxResponseBody = DEFAULT_MAX_RESPONSE_BODY;
        private Duration headerReadTimeout = DEFAULT_HEADER_READ_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = defaultMaxConnections();

        Builder listen(String address) {
            listen = address;
            return this;
        }

        Builder concurrency(int workerThreads, int queue) {
            workers = workerThreads;
            queueLength = queue;
            return this;
        }

        Builder limits(int bodyBytes, int headerBytes, Duration timeout) {
            maxBodyBytes = bodyBytes;
            maxHeaderBytes = headerBytes;
            requestTimeout = timeout;
            return this;
        }

        Builder tls(TlsFiles files) {
            tls = files;
            return this;
        }

        Builder scheduling(int perComponent, long queuedBodyBytes) {
            componentWorkers = perComponent;
            maxQueuedBodyBytes = queuedBodyBytes;
            return this;
        }

        Builder maxResponseBody(int bytes) {
            maxResponseBody = bytes;
            return this;
        }

        Builder connectionLimits(Duration headerRead, Duration idle, int connections) {
            headerReadTimeout = headerRead;
            idleTimeout = idle;
            maxConnections = connections;
            return this;
        }

        HttpTriggerOptions build() {
            return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                    componentWorkers, maxQueuedBodyBytes, maxResponseBody, headerReadTimeout, idleTimeout, maxConnections);
        }
    }
}
