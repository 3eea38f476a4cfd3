package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.RuntimeConfigException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void guestStatementsCannotCreateOrOpenOtherHostFiles(String flavour, @TempDir Path elsewhere) throws Exception {
        Path attached = elsewhere.resolve("attached.db");
        Path copy = elsewhere.resolve("copy.db");
        Path library = Files.writeString(elsewhere.resolve("libevil.so"), "not a library");
        try (HostProbe probe = start(List.of())) {
            String out = probe.run(flavour, "sqlite",
                    "open\tdefault",
                    "exec\t0\tATTACH DATABASE '" + attached + "' AS other",
                    "exec\t0\t/* x */ attach 'file:" + attached + "?mode=rwc' as other",
                    "exec\t0\tVACUUM INTO '" + copy + "'",
                    "exec\t0\tSELECT load_extension('" + library + "')",
                    "exec\t0\tPRAGMA temp_store_directory = '" + elsewhere + "'",
                    "exec\t0\t; /* comment */ EXPLAIN PRAGMA main.\"TEMP_STORE_DIRECTORY\" = '" + elsewhere + "'",
                    "exec\t0\tPRAGMA data_store_directory = '" + elsewhere + "'",
                    "exec\t0\tCREATE TABLE kept (n INTEGER)",
                    "exec\t0\tVACUUM",
                    "exec\t0\tSELECT count(*) AS n FROM kept");
            String attachRefused = "err 4 [SQLITE_ERROR] SQL error or missing database (too many attached databases - max 0)\n";
            assertEquals("ok 0\n" + attachRefused + attachRefused + attachRefused
                    + "err 4 [SQLITE_ERROR] SQL error or missing database (not authorized)\n"
                    + "err 4 not authorized: PRAGMA temp_store_directory would let SQLite create files outside the database\n"
                    + "err 4 not authorized: PRAGMA TEMP_STORE_DIRECTORY would let SQLite create files outside the database\n"
                    + "err 4 not authorized: PRAGMA data_store_directory would let SQLite create files outside the database\n"
                    + "ok cols= rows=\nok cols= rows=\nok cols=n rows=[i:0]\n", out);
        }
        assertFalse(Files.exists(attached));
        assertFalse(Files.exists(copy));
        // SQLite keeps temp_store_directory per process: a fresh connection in this JVM sees what a guest set.
        try (Connection own = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement statement = own.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA temp_store_directory")) {
            assertFalse(rows.next() && !rows.getString(1).isEmpty(), "temp_store_directory was changed");
        }
    }

    @Test
    void longQueryPastTheRequestDeadlineIs503AndTheDatabaseServesTheNextRequest() throws Exception {
        try (HostProbe probe = HostProbe.startWithRequestTimeout(HostProbe.lock(),
                HostSettings.defaults().withStateDir(stateDir), Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            HttpResponse<String> response = probe.post("/a/sqlite", "open\tdefault\nexec\t0\tWITH RECURSIVE c(x) AS"
                    + " (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(elapsedMillis < 2000, "answered after " + elapsedMillis + " ms");
            long next = System.nanoTime();
            assertEquals("ok 0\nok cols=n rows=[i:1]\n", probe.run("b", "sqlite", "open\tdefault", "exec\t0\tSELECT 1 AS n"));
            long nextMillis = (System.nanoTime() - next) / 1_000_000;
            assertTrue(nextMillis < 10_000, "the next request waited " + nextMillis + " ms for the database");
        }
    }
}
