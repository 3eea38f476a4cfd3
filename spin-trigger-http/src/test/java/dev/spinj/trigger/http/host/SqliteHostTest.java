package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.RuntimeConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqliteHostTest {
    @TempDir
    Path stateDir;

    private HostProbe start(List<String> statements) throws Exception {
        return HostProbe.start(HostProbe.lock(), Map.of(),
                HostSettings.defaults().withStateDir(stateDir).withSqliteStatements(statements));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void everyValueTypeRoundTripsThroughParametersAndRows(String flavour) throws Exception {
        try (HostProbe probe = start(List.of())) {
            String out = probe.run(flavour, "sqlite",
                    "open\tdefault",
                    "exec\t0\tCREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)",
                    "exec\t0\tINSERT INTO t VALUES (?, ?, ?, ?, ?)\ti:-9007199254740993\tr:2.25\tt:héllo\tb:00ff10\tn",
                    "exec\t0\tSELECT i, r, s, b, n, i + 1 AS next FROM t",
                    "close\t0",
                    "exec\t0\tSELECT 1");
            assertEquals("ok 0\nok cols= rows=\nok cols= rows=\n"
                    + "ok cols=i,r,s,b,n,next rows=[i:-9007199254740993,r:2.25,t:héllo,b:00ff10,n,i:-9007199254740992]\n"
                    + "ok\nerr 2\n", out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void sqlErrorsAreIoWithTheMessage(String flavour) throws Exception {
        try (HostProbe probe = start(List.of())) {
            assertEquals("ok 0\nerr 4 [SQLITE_ERROR] SQL error or missing database (no such table: nowhere)\n",
                    probe.run(flavour, "sqlite", "open\tdefault", "exec\t0\tSELECT * FROM nowhere"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void databaseNotListedByTheComponentIsAccessDenied(String flavour) throws Exception {
        try (HostProbe probe = start(List.of())) {
            assertEquals("err 1\n", probe.run(flavour, "sqlite", "open\tanalytics"));
        }
    }

    @Test
    void moreThan256OpenConnectionsIsDatabaseFull() throws Exception {
        List<String> script = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            script.add("open\tdefault");
        }
        try (HostProbe probe = start(List.of())) {
            String[] lines = probe.run("a", "sqlite", script.toArray(String[]::new)).split("\n");
            assertEquals("ok 255", lines[255]);
            assertEquals("err 3", lines[256]);
        }
    }

    @Test
    void startupStatementsAndFilesRunAgainstTheDefaultDatabase() throws Exception {
        Path migration = stateDir.resolve("migration.sql");
        Files.writeString(migration, "INSERT INTO pets VALUES ('cat'); INSERT INTO pets VALUES ('dog');");
        try (HostProbe probe = start(List.of("CREATE TABLE pets (name TEXT)", "@" + migration))) {
            assertEquals("ok 0\nok cols=name rows=[t:cat][t:dog]\n",
                    probe.run("b", "sqlite", "open\tdefault", "exec\t0\tSELECT name FROM pets ORDER BY name"));
        }
        assertTrue(Files.isRegularFile(stateDir.resolve("sqlite_db.db")));
        assertEquals("cat\ndog\n", Sqlite3.run(stateDir.resolve("sqlite_db.db"), "SELECT name FROM pets ORDER BY name;"));
    }

    @Test
    void runtimeConfigDatabaseServesAnotherLabel() throws Exception {
        Path file = stateDir.resolve("analytics.db");
        RuntimeConfig config = new RuntimeConfig(null, null, Map.of(), Map.of("analytics", file), List.of());
        var app = HostProbe.withComponentMetadata(HostProbe.lock(), "databases", List.of("analytics"));
        try (HostProbe probe = HostProbe.start(app, Map.of(), HostSettings.defaults().withRuntimeConfig(config))) {
            assertEquals("ok 0\nok cols= rows=\n", probe.run("a", "sqlite", "open\tanalytics", "exec\t0\tCREATE TABLE hits (n INTEGER)"));
        }
        assertEquals("CREATE TABLE hits (n INTEGER);\n", Sqlite3.run(file, ".schema hits"));
    }

    @Test
    void databaseNamedInTheManifestButDefinedNowhereFailsStartup() throws Exception {
        var app = HostProbe.withComponentMetadata(HostProbe.lock(), "databases", List.of("default", "analytics"));
        RuntimeConfigException e = assertThrows(RuntimeConfigException.class,
                () -> WasmApp.builder(app).build());
        assertTrue(e.getMessage().startsWith("Component probe-a uses database 'analytics'"), e.getMessage());
    }
}
