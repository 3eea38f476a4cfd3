package dev.spinj.wasm.host.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statement reading behind the directory-pragma refusal and the plain-VACUUM exception (SQLite's own tokens). */
class SqliteSandboxTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "PRAGMA temp_store_directory = '/tmp'",
        "pragma TEMP_STORE_DIRECTORY('/tmp')",
        "  /* a */ PRAGMA -- b\n temp_store_directory = '/tmp'",
        ";; PRAGMA temp_store_directory = '/tmp'",
        "EXPLAIN PRAGMA temp_store_directory = '/tmp'",
        "EXPLAIN QUERY PLAN PRAGMA temp_store_directory = '/tmp'",
        "PRAGMA main.temp_store_directory = '/tmp'",
        "PRAGMA \"main\".\"temp_store_directory\" = '/tmp'",
        "PRAGMA [temp_store_directory] = '/tmp'",
        "PRAGMA `temp_store_directory` = '/tmp'",
        "PRAGMA 'temp_store_directory' = '/tmp'",
        "PRAGMA data_store_directory = 'C:\\\\x'",
    })
    void directoryPragmasAreRefusedHoweverWritten(String sql) {
        assertNotNull(SqliteSandbox.refusal(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PRAGMA journal_mode = WAL",
        "PRAGMA main.user_version",
        "SELECT 'PRAGMA temp_store_directory'",
        "SELECT 1; PRAGMA temp_store_directory = '/tmp'",
        "-- PRAGMA temp_store_directory\nSELECT 1",
        "INSERT INTO t VALUES ('temp_store_directory')",
    })
    void otherStatementsRun(String sql) {
        assertNull(SqliteSandbox.refusal(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VACUUM", "vacuum;", " /* x */ VACUUM main ;", "VACUUM \"main\""})
    void plainVacuumIsRecognised(String sql) {
        assertEquals(true, SqliteSandbox.isPlainVacuum(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VACUUM INTO '/tmp/x.db'", "VACUUM main INTO '/tmp/x.db'", "VACUUM; ATTACH '/tmp/x' AS y",
        "SELECT 1", "EXPLAIN VACUUM INTO '/tmp/x.db'", ""})
    void anythingElseIsNotPlainVacuum(String sql) {
        assertEquals(false, SqliteSandbox.isPlainVacuum(sql), sql);
    }
}
