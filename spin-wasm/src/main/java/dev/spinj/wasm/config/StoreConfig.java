package dev.spinj.wasm.config;

import java.nio.file.Path;

/** Where one key-value store ({@code [key_value_store.<label>]}) keeps its data. */
public sealed interface StoreConfig {
    /** {@code type = "spin"}: Spin's SQLite table in {@code path}, or in memory when path is null. */
    record Sqlite(Path path) implements StoreConfig {}

    /** {@code type = "redis"}: a Redis server, keys stored as-is. */
    record Redis(String url) implements StoreConfig {}
}
