package dev.spinj.wasm.kv;

import java.util.List;
import java.util.Optional;

/** One labelled key-value store. Shared by all instances, so implementations are thread-safe. */
public interface KeyValueStore extends AutoCloseable {
    Optional<byte[]> get(String key) throws KeyValueException;

    /** Returns once the value is durable (committed), so a crash right after loses nothing. */
    void set(String key, byte[] value) throws KeyValueException;

    /** Deleting a missing key is not an error. */
    void delete(String key) throws KeyValueException;

    boolean exists(String key) throws KeyValueException;

    List<String> keys() throws KeyValueException;

    /**
     * Adds {@code delta} to the key's counter (absent counts as 0) in one atomic step and returns
     * the new value. The counter's encoding is the backend's, as in Spin: a little-endian i64 in
     * SQLite, Redis's decimal text ({@code INCRBY}).
     */
    long increment(String key, long delta) throws KeyValueException;

    /**
     * Sets {@code value} if the key still holds {@code expected}; false when it changed since.
     * An empty {@code expected} writes unconditionally, as Spin's compare-and-swap does when its
     * snapshot found no value.
     */
    boolean compareAndSwap(String key, Optional<byte[]> expected, byte[] value) throws KeyValueException;

    @Override
    void close();
}
