package dev.spinj.trigger.http;

import dev.spinj.trigger.http.wagi.WagiArgv;

/**
 * One HTTP trigger's {@code trigger_config} in the lock: the component, its route as written,
 * and the executor ({@code null} or {@code {"type":"spin"}} for the Spin executor).
 */
public record HttpTriggerConfig(String component, String route, Executor executor) {

    public record Executor(String type, String entrypoint, String argv) {}

    public boolean isWagi() {
        return executor != null && "wagi".equals(executor.type());
    }

    public String wagiEntrypoint() {
        return executor == null || executor.entrypoint() == null ? "_start" : executor.entrypoint();
    }

    public String wagiArgv() {
        return executor == null || executor.argv() == null ? WagiArgv.DEFAULT_TEMPLATE : executor.argv();
    }
}
