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

    @Override
    void close();
}
