package dev.spinj.trigger.redis;

/**
 * One Redis trigger's {@code trigger_config} in the lock: the component and the channel it
 * handles, and (Spin 2 locks only) its own server address, overriding the app's.
 */
public record RedisTriggerConfig(String component, String channel, String address) {}
