package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.RuntimeConfigException;
import dev.spinj.wasm.config.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyValueHostTest {
    @TempDir
    Path stateDir;

    private HostProbe start() throws Exception {
        return HostProbe.start(HostProbe.lock(), Map.of(), HostSettings.defaults().withStateDir(stateDir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void everyFunctionAnswersAsSpinDoes(String flavour) throws Exception {
        try (HostProbe probe = start()) {
            String out = probe.run(flavour, "kv",
                    "open\tdefault", "set\t0\tk1\tv1", "set\t0\tk2\t", "get\t0\tk1", "get\t0\tk2", "exists\t0\tk1",
                    "exists\t0\tnope", "get\t0\tnope", "keys\t0", "delete\t0\tk1", "delete\t0\tk1", "keys\t0",
                    "close\t0", "get\t0\tk2", "open\tdefault");
            assertEquals("ok 0\nok\nok\nok v1\nok \nok true\nok false\nerr 4\nok k1,k2\nok\nok\nok k2\nok\nerr 3\nok 1\n", out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void storeNotListedByTheComponentIsAccessDenied(String flavour) throws Exception {
        try (HostProbe probe = start()) {
            assertEquals("err 2\n", probe.run(flavour, "kv", "open\tsecret"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void handlesAreNumberedPerInstanceFromZero(String flavour) throws Exception {
        try (HostProbe probe = start()) {
            assertEquals("ok 0\nok 1\n", probe.run(flavour, "kv", "open\tdefault", "open\tdefault"));
            assertEquals("ok 0\n", probe.run(flavour, "kv", "open\tdefault"));
        }
    }

    @Test
    void valuesPersistAcrossRequestsAndFlavours() throws Exception {
        try (HostProbe probe = start()) {
            probe.run("a", "kv", "open\tdefault", "set\t0\tshared\tfrom a");
            assertEquals("ok 0\nok from a\n", probe.run("b", "kv", "open\tdefault", "get\t0\tshared"));
        }
    }

    @Test
    void valuesSurviveARestartOfTheTrigger() throws Exception {
        try (HostProbe probe = start()) {
            probe.run("a", "kv", "open\tdefault", "set\t0\tcounter\t41");
        }
        try (HostProbe probe = start()) {
            assertEquals("ok 0\nok 41\n", probe.run("b", "kv", "open\tdefault", "get\t0\tcounter"));
        }
    }

    @Test
    void defaultStoreIsSpinsTableInTheStateDirReadableBySqlite3() throws Exception {
        try (HostProbe probe = start()) {
            probe.run("a", "kv", "open\tdefault", "set\t0\tgreeting\thello");
        }
        Path file = stateDir.resolve("sqlite_key_value.db");
        assertTrue(Files.isRegularFile(file), "no " + file);
        assertEquals("default|greeting|hello\n", Sqlite3.run(file, "SELECT store, key, CAST(value AS TEXT) FROM spin_key_value;"));
        assertEquals("CREATE TABLE spin_key_value (store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key));\n",
                Sqlite3.run(file, ".schema spin_key_value"));
    }

    @Test
    void keyValueFlagSeedsTheDefaultStore() throws Exception {
        HostSettings settings = HostSettings.defaults().withStateDir(stateDir).withKeyValueSeeds(List.of("seeded=yes=really"));
        try (HostProbe probe = HostProbe.start(HostProbe.lock(), Map.of(), settings)) {
            assertEquals("ok 0\nok yes=really\n", probe.run("a", "kv", "open\tdefault", "get\t0\tseeded"));
        }
    }

    @Test
    void withoutStateDirTheDefaultStoreIsInMemory() throws Exception {
        try (WasmApp app = WasmApp.builder(HostProbe.lock()).build()) {
            assertEquals(List.of("Using in-memory default key-value store; data will not be saved!",
                    "Using in-memory default SQLite database; data will not be saved!"), app.startupSummary());
        }
    }

    @Test
    void startupSummaryNamesTheDefaultFiles() throws Exception {
        try (WasmApp app = WasmApp.builder(HostProbe.lock()).withHostSettings(HostSettings.defaults().withStateDir(stateDir)).build()) {
            assertEquals(List.of("Storing default key-value data to \"" + stateDir.resolve("sqlite_key_value.db") + "\"",
                    "Storing default SQLite data to \"" + stateDir.resolve("sqlite_db.db") + "\""), app.startupSummary());
        }
    }

    @Test
    void runtimeConfigStoreReplacesTheDefault() throws Exception {
        Path file = stateDir.resolve("elsewhere.db");
        RuntimeConfig config = new RuntimeConfig(null, null, Map.of("default", new StoreConfig.Sqlite(file)), Map.of(), List.of());
        try (HostProbe probe = HostProbe.start(HostProbe.lock(), Map.of(), HostSettings.defaults().withRuntimeConfig(config))) {
            probe.run("a", "kv", "open\tdefault", "set\t0\twhere\tthere");
        }
        assertEquals("where|there\n", Sqlite3.run(file, "SELECT key, CAST(value AS TEXT) FROM spin_key_value;"));
    }

    @Test
    void runtimeConfigRedisStoreServesTheLabel() throws Exception {
        String key = "spinj-kv-test-" + ProcessHandle.current().pid();
        RuntimeConfig config = new RuntimeConfig(null, null,
                Map.of("default", new StoreConfig.Redis("redis://127.0.0.1:6379")), Map.of(), List.of());
        try (HostProbe probe = HostProbe.start(HostProbe.lock(), Map.of(), HostSettings.defaults().withRuntimeConfig(config))) {
            assertEquals("ok 0\nok\nok in redis\nok true\nok\nok false\n", probe.run("b", "kv", "open\tdefault",
                    "set\t0\t" + key + "\tin redis", "get\t0\t" + key, "exists\t0\t" + key, "delete\t0\t" + key,
                    "exists\t0\t" + key));
        }
    }

    @Test
    void storeNamedInTheManifestButDefinedNowhereFailsStartup() throws Exception {
        var app = HostProbe.withComponentMetadata(HostProbe.lock(), "key_value_stores", List.of("default", "orders"));
        RuntimeConfigException e = assertThrows(RuntimeConfigException.class,
                () -> WasmApp.builder(app).build());
        assertTrue(e.getMessage().startsWith("Component probe-a uses store 'orders'"), e.getMessage());
    }
}
