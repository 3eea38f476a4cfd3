package dev.spinj.trigger.http;

/**
 * HTTP trigger settings from the command line.
 *
 * @param listen address to listen on, {@code host:port}
 * @param workers threads running guests
 * @param queueLength requests waiting for a worker before new ones get 503
 * @param maxBodyBytes request bodies above this get 413
 */
public record HttpTriggerOptions(String listen, int workers, int queueLength, int maxBodyBytes) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:3000";

    public static HttpTriggerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new HttpTriggerOptions(DEFAULT_LISTEN, Math.max(4, cores * 2), 1024, 10 << 20);
    }

    public HttpTriggerOptions withListen(String address) {
        return new HttpTriggerOptions(address, workers, queueLength, maxBodyBytes);
    }
}
