package dev.spinj.trigger.http;

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
 */
public record HttpTriggerOptions(
        String listen, int workers, int queueLength, int maxBodyBytes, int maxHeaderBytes, Duration requestTimeout,
        TlsFiles tls, int componentWorkers, long maxQueuedBodyBytes) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:3000";
    public static final int DEFAULT_MAX_BODY = 64 << 20;
    public static final int DEFAULT_MAX_HEADER = 32 << 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE = 1024;
    public static final long DEFAULT_MAX_QUEUED_BODY = 256L << 20;

    /** Two workers per core: guests block in host calls (outbound HTTP, databases) as well as compute. */
    public static int defaultWorkers() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    }

    public static HttpTriggerOptions defaults() {
        return new HttpTriggerOptions(DEFAULT_LISTEN, defaultWorkers(), DEFAULT_QUEUE, DEFAULT_MAX_BODY, DEFAULT_MAX_HEADER,
                DEFAULT_TIMEOUT, null, 0, DEFAULT_MAX_QUEUED_BODY);
    }

    public HttpTriggerOptions withListen(String address) {
        return new HttpTriggerOptions(address, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                componentWorkers, maxQueuedBodyBytes);
    }

    public HttpTriggerOptions withConcurrency(int workerThreads, int queue) {
        return new HttpTriggerOptions(listen, workerThreads, queue, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                componentWorkers, maxQueuedBodyBytes);
    }

    public HttpTriggerOptions withLimits(int bodyBytes, int headerBytes, Duration timeout) {
        return new HttpTriggerOptions(listen, workers, queueLength, bodyBytes, headerBytes, timeout, tls,
                componentWorkers, maxQueuedBodyBytes);
    }

    public HttpTriggerOptions withTls(TlsFiles files) {
        return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, files,
                componentWorkers, maxQueuedBodyBytes);
    }

    /**
     * @param perComponent workers one component may hold at once, 0 for all but one
     * @param queuedBodyBytes body bytes the waiting requests may hold in all
     */
    public HttpTriggerOptions withScheduling(int perComponent, long queuedBodyBytes) {
        return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes, requestTimeout, tls,
                perComponent, queuedBodyBytes);
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
}
