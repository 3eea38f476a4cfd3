package dev.spinj.wasm.kv;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.RuntimeConfigException;
import dev.spinj.wasm.config.StoreConfig;
import dev.spinj.wasm.services.LabelRefusedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's key-value stores by label: {@code default} (Spin's SQLite file in the state dir, or
 * memory) plus the runtime config's {@code [key_value_store.<label>]} tables, which may replace
 * it. Each store opens on first use and is shared by every instance.
 */
public final class KeyValueStores implements AutoCloseable {
    public static final String DEFAULT = "default";
    static final String DEFAULT_FILE = "sqlite_key_value.db";
    /** Spin's handle table is effectively unbounded in {@code spin up}; a cap keeps a looping guest finite. */
    public static final int OPEN_STORES_PER_INSTANCE = 1024;

    private final Map<String, StoreConfig> configs;
    private final Map<String, KeyValueStore> open = new HashMap<>();

    private KeyValueStores(Map<String, StoreConfig> configs) {
        this.configs = configs;
    }

    /** The default store under {@code stateDir} (memory when null), then the runtime config's stores. */
    public static KeyValueStores configure(Path stateDir, Map<String, StoreConfig> configured) {
        Map<String, StoreConfig> configs = new LinkedHashMap<>();
        configs.put(DEFAULT, new StoreConfig.Sqlite(stateDir == null ? null : stateDir.resolve(DEFAULT_FILE)));
        configs.putAll(configured);
        return new KeyValueStores(configs);
    }

    /** Fails startup when a component names a store nothing defines (SPEC 3.4). */
    public void checkDefined(LockedApp app) {
        for (LockedComponent component : app.components()) {
            for (String store : component.metadataList("key_value_stores")) {
                if (!configs.containsKey(store)) {
                    throw new RuntimeConfigException("Component " + component.id() + " uses store '" + store
                            + "' which is not defined. Define it in a [key_value_store." + store
                            + "] table of the runtime config file");
                }
            }
        }
    }

    public boolean defines(String label) {
        return configs.containsKey(label);
    }

    /**
     * The store {@code label} as {@code component} may use it: refused when the component does
     * not list the label, then when nothing defines it (SPEC2 §4.2).
     */
    public KeyValueStore storeFor(LockedComponent component, String label) throws LabelRefusedException, KeyValueException {
        LabelRefusedException.check(component, "key_value_stores", "key-value store", label, defines(label));
        return store(label);
    }

    /** The store {@code label}, opening it on first use; the label must be {@link #defines defined}. */
    public synchronized KeyValueStore store(String label) throws KeyValueException {
        KeyValueStore store = open.get(label);
        if (store == null) {
            StoreConfig config = configs.get(label);
            store = config instanceof StoreConfig.Redis redis
                    ? new RedisKeyValueStore(label, redis.url())
                    : SqliteKeyValueStore.open(label, ((StoreConfig.Sqlite) config).path());
            open.put(label, store);
        }
        return store;
    }

    /** {@code --key-value KEY=VALUE}: written into the default store before serving. */
    public void seedDefault(List<String> pairs) {
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new RuntimeConfigException("--key-value " + pair + ": must be of the form `key=value`");
            }
            try {
                store(DEFAULT).set(pair.substring(0, eq), pair.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
            } catch (KeyValueException e) {
                throw new RuntimeConfigException("--key-value " + pair.substring(0, eq) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The SPEC 6 startup line about the default store, or null when Redis backs it. */
    public String defaultStoreSummary() {
        if (configs.get(DEFAULT) instanceof StoreConfig.Sqlite sqlite) {
            return sqlite.path() == null
                    ? "Using in-memory default key-value store; data will not be saved!"
                    : "Storing default key-value data to \"" + sqlite.path() + "\"";
        }
        return null;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(KeyValueStore::close);
        open.clear();
    }
}
