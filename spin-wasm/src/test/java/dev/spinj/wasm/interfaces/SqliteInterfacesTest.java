package dev.spinj.wasm.interfaces;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.spinj.wasm.interfaces.SpinGuest.handle;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.host.sqlite.SqliteDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sqlite-guest.c (fermyon:spin/sqlite@2.0.0, spin:sqlite/sqlite@3.0.0 bound to the host's 3.1.0)
 * on {@link SpinInterfaces}, with the default database in a file under a temporary state dir.
 */
@Timeout(60)
class SqliteInterfacesTest {
    @TempDir
    Path stateDir;

    private HostServices services;
    private SpinGuest guest;

    @BeforeEach
    void start() throws Exception {
        // "other" is defined for the app but not granted to the component
        HostSettings settings = HostSettings.defaults().withStateDir(stateDir).withRuntimeConfig(
                new RuntimeConfig(null, null, Map.of(), Map.of("other", stateDir.resolve("other.db")), List.of()));
        LockedComponent component = new LockedComponent("db", Map.of("databases", List.of("default")), null, Map.of(),
                List.of(), Map.of());
        services = HostServices.create(new LockedApp(0, Map.of("name", "sqlite-test"), Map.of(), List.of(), List.of(component)),
                Map.of(), settings);
        guest = new SpinGuest("sqlite-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private static RecordValue rows(Object executeResult) {
        return (RecordValue) assertInstanceOf(ResultValue.Ok.class, executeResult).value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3"})
    void everyValueKindRoundTripsThroughParametersAndRows(String version) {
        try (var i = guest.instantiate()) {
            long db = handle(i.call(version + "-open", "default"));
            rows(i.call(version + "-execute", db, "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)", List.of()));
            rows(i.call(version + "-execute", db, "INSERT INTO t VALUES (?, ?, ?, ?, ?)", List.of(
                    new VariantValue("integer", -5L), new VariantValue("real", 2.5), new VariantValue("text", "héllo"),
                    new VariantValue("blob", new byte[] {0, (byte) 0xff}), VariantValue.of("null"))));
            RecordValue result = rows(i.call(version + "-execute", db, "SELECT * FROM t", List.of()));
            assertEquals(List.of("i", "r", "s", "b", "n"), result.get(0));
            List<?> values = (List<?>) ((RecordValue) ((List<?>) result.get(1)).get(0)).get(0);
            assertEquals(new VariantValue("integer", -5L), values.get(0));
            assertEquals(new VariantValue("real", 2.5), values.get(1));
            assertEquals(new VariantValue("text", "héllo"), values.get(2));
            assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) ((VariantValue) values.get(3)).value());
            assertEquals(VariantValue.of("null"), values.get(4));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3"})
    void aStatementThatFailsIsIoWithSqlitesMessage(String version) {
        try (var i = guest.instantiate()) {
            long db = handle(i.call(version + "-open", "default"));
            VariantValue error = (VariantValue) assertInstanceOf(ResultValue.Err.class,
                    i.call(version + "-execute", db, "SELECT * FROM nowhere", List.of())).value();
            assertEquals("io", error.label());
            assertTrue(((String) error.value()).contains("no such table: nowhere"), (String) error.value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3"})
    void aDatabaseTheComponentIsNotGrantedIsAccessDenied(String version) {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.err(VariantValue.of("access-denied")), i.call(version + "-open", "other"));
            assertEquals(ResultValue.err(VariantValue.of("access-denied")), i.call(version + "-open", "nowhere"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3"})
    void the257thConnectionIsIoTooManyConnectionsOpenedUntilOneIsDropped(String version) {
        try (var i = guest.instantiate()) {
            long first = handle(i.call(version + "-open", "default"));
            for (int n = 1; n < SqliteDatabases.CONNECTIONS_PER_INSTANCE; n++) {
                handle(i.call(version + "-open", "default"));
            }
            assertEquals(ResultValue.err(new VariantValue("io", "too many connections opened")), i.call(version + "-open", "default"));
            i.call(version + "-drop", first);
            handle(i.call(version + "-open", "default"));
        }
        try (var i = guest.instantiate()) {
            handle(i.call(version + "-open", "default"));
        }
    }

    @Test
    void lastInsertRowidAndChangesDescribeTheConnectionsOwnLastStatement() {
        try (var i = guest.instantiate()) {
            long a = handle(i.call("v3-open", "default"));
            long b = handle(i.call("v3-open", "default"));
            rows(i.call("v3-execute", a, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", List.of()));
            rows(i.call("v3-execute", a, "INSERT INTO t (id, v) VALUES (41, 'x'), (42, 'y')", List.of()));
            assertEquals(42L, i.call("v3-last-insert-rowid", a));
            assertEquals(2L, i.call("v3-changes", a));
            rows(i.call("v3-execute", b, "UPDATE t SET v = 'z' WHERE id = 41", List.of()));
            assertEquals(1L, i.call("v3-changes", b));
            assertEquals(42L, i.call("v3-last-insert-rowid", a), "b's statement does not change a's answers");
            assertEquals(2L, i.call("v3-changes", a));
        }
    }

    @Test
    void rowsWrittenThroughOneVersionAreReadThroughTheOther() {
        try (var i = guest.instantiate()) {
            long v2 = handle(i.call("v2-open", "default"));
            rows(i.call("v2-execute", v2, "CREATE TABLE shared (v TEXT)", List.of()));
            rows(i.call("v2-execute", v2, "INSERT INTO shared VALUES ('from v2')", List.of()));
        }
        try (var i = guest.instantiate()) {
            long v3 = handle(i.call("v3-open", "default"));
            RecordValue result = rows(i.call("v3-execute", v3, "SELECT v FROM shared", List.of()));
            assertEquals(List.of(RecordValue.of(List.of(new VariantValue("text", "from v2")))), result.get(1));
        }
    }
}
