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
 * @param maxResponseBody a guest's response body (WAGI stdout) above this is a 500 ({@code --max-response-body})
 */
public record HttpTriggerOptions(
        String listen, int workers, int queueLength, int maxBodyBytes, int maxHeaderBytes, Duration requestTimeout,
        TlsFiles tls, int maxResponseBody) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:3000";
    public static final int DEFAULT_MAX_BODY = 64 << 20;
    public static final int DEFAULT_MAX_HEADER = 32 << 10;
    public static final int DEFAULT_MAX_RESPONSE_BODY = 64 << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE = 1024;

    /** Two workers per core: guests block in host calls (outbound HTTP, databases) as well as compute. */
    public static int defaultWorkers() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    }

    public static HttpTriggerOptions defaults() {
        return new HttpTriggerOptions(DEFAULT_LISTEN, defaultWorkers(), DEFAULT_QUEUE, DEFAULT_MAX_BODY, DEFAULT_MAX_HEADER,
                DEFAULT_TIMEOUT, null, DEFAULT_MAX_RESPONSE_BODY);
    }

    public HttpTriggerOptions withListen(String address) {
        return new HttpTriggerOptions(address, workers, queueLength, maxBodyBytes, maxHeaderBytes,
                requestTimeout, tls, maxResponseBody);
    }

    public HttpTriggerOptions withConcurrency(int workerThreads, int queue) {
        return new HttpTriggerOptions(listen, workerThreads, queue, maxBodyBytes, maxHeaderBytes,
                requestTimeout, tls, maxResponseBody);
    }

    public HttpTriggerOptions withLimits(int bodyBytes, int headerBytes, Duration timeout) {
        return new HttpTriggerOptions(listen, workers, queueLength, bodyBytes, headerBytes,
                timeout, tls, maxResponseBody);
    }

    public HttpTriggerOptions withTls(TlsFiles files) {
        return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes,
                requestTimeout, files, maxResponseBody);
    }

    public HttpTriggerOptions withMaxResponseBody(int bytes) {
        return new HttpTriggerOptions(listen, workers, queueLength, maxBodyBytes, maxHeaderBytes,
                requestTimeout, tls, bytes);
    }

    /** {@code https} when serving with a certificate, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }
}
