package dev.spinj.wasm.services.mqtt;

/** {@code fermyon:spin/mqtt@2.0.0} {@code qos}, in the WIT's case order; {@link #level()} is the MQTT QoS number. */
public enum Qos {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    public int level() {
        return ordinal();
    }
}
