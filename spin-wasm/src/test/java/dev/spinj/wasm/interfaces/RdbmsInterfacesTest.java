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
import dev.spinj.wasm.host.HostServices;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rdbms-guest.c (fermyon:spin/postgres@2.0.0, fermyon:spin/mysql@2.0.0, spin:postgres/postgres@3.0.0)
 * on {@link SpinInterfaces}, against the test machine's PostgreSQL (127.0.0.1:5432, database
 * test, trust) and MariaDB (127.0.0.1:3306, root).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RdbmsInterfacesTest {
    private static final String PG = "postgres://postgres@127.0.0.1:5432/test";
    private static final String MYSQL = "mysql://root@127.0.0.1:3306/test";
    private static final ResultValue OK = ResultValue.ok(null);

    private HostServices services;
    private SpinGuest guest;

    @BeforeEach
    void start() throws Exception {
        LockedComponent component = new LockedComponent("db", Map.of("allowed_outbound_hosts",
                List.of("postgres://127.0.0.1:5432", "postgres://127.0.0.1:1", "mysql://127.0.0.1:3306")), null, Map.of(),
                List.of(), Map.of());
        LockedApp app = new LockedApp(1, Map.of("name", "rdbms-test", "triggers", Map.of()), Map.of(), List.of(),
                List.of(component));
        services = HostServices.create(app, Map.of(), HostSettings.defaults());
        guest = new SpinGuest("rdbms-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private static RecordValue rows(Object queryResult) {
        return (RecordValue) assertInstanceOf(ResultValue.Ok.class, queryResult).value();
    }

    private static List<?> onlyRow(RecordValue rowSet) {
        List<?> rows = (List<?>) rowSet.get(1);
        assertEquals(1, rows.size(), rowSet.toString());
        return (List<?>) rows.get(0);
    }

    private static VariantValue v(String label, Object value) {
        return new VariantValue(label, value);
    }

    @Test
    void postgres2RoundTripsEverySignedTypeAndExecuteCountsRows() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg2-open", PG));
            i.call("pg2-execute", c, "DROP TABLE IF EXISTS spinj_pg2_types", List.of());
            i.call("pg2-execute", c, "CREATE TABLE spinj_pg2_types (b BOOLEAN, i16 SMALLINT, i32 INTEGER, i64 BIGINT,"
                    + " f32 REAL, f64 DOUBLE PRECISION, s TEXT, bin BYTEA, n TEXT)", List.of());
            assertEquals(ResultValue.ok(1L), i.call("pg2-execute", c, "INSERT INTO spinj_pg2_types VALUES"
                    + " ($1, $2, $3, $4, $5, $6, $7, $8, $9)", List.of(v("boolean", true), v("int16", -300), v("int32", -70000),
                    v("int64", -5_000_000_000L), v("floating32", 1.5f), v("floating64", 2.25), v("str", "héllo"),
                    v("binary", new byte[] {0, (byte) 0xff}), VariantValue.of("db-null"))));
            RecordValue set = rows(i.call("pg2-query", c, "SELECT * FROM spinj_pg2_types", List.of()));
            assertEquals(List.of(RecordValue.of("b", "boolean"), RecordValue.of("i16", "int16"), RecordValue.of("i32", "int32"),
                    RecordValue.of("i64", "int64"), RecordValue.of("f32", "floating32"), RecordValue.of("f64", "floating64"),
                    RecordValue.of("s", "str"), RecordValue.of("bin", "binary"), RecordValue.of("n", "str")), set.get(0));
            List<?> row = onlyRow(set);
            assertEquals(List.of(v("boolean", true), v("int16", -300), v("int32", -70000), v("int64", -5_000_000_000L),
                    v("floating32", 1.5f), v("floating64", 2.25), v("str", "héllo")), row.subList(0, 7));
            assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) ((VariantValue) row.get(7)).value());
            assertEquals(VariantValue.of("db-null"), row.get(8));
            assertEquals(ResultValue.ok(1L), i.call("pg2-execute", c, "DELETE FROM spinj_pg2_types", List.of()));
        }
    }

    @Test
    void postgres2RefusesUnsignedParameters() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg2-open", PG));
            assertEquals(ResultValue.err(v("bad-parameter", "Postgres does not support unsigned integers")),
                    i.call("pg2-query", c, "SELECT $1", List.of(v("uint8", 1))));
        }
    }

    @Test
    void postgres3QueriesWithItsOwnValueCases() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg3-open", PG));
            RecordValue set = rows(i.call("pg3-query", c, "SELECT $1::BIGINT AS n, $2::TEXT AS s",
                    List.of(v("int64", 42L), v("str", "x"))));
            assertEquals(List.of(RecordValue.of("n", "int64"), RecordValue.of("s", "str")), set.get(0));
            assertEquals(List.of(v("int64", 42L), v("str", "x")), onlyRow(set));
            assertEquals(ResultValue.ok(0L), i.call("pg3-execute", c, "SELECT 1 WHERE false", List.of()));
        }
    }

    @Test
    void aFailingStatementIsQueryFailedWithTheServersMessage() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg2-open", PG));
            VariantValue error = (VariantValue) assertInstanceOf(ResultValue.Err.class,
                    i.call("pg2-query", c, "SELECT * FROM spinj_nowhere", List.of())).value();
            assertEquals("query-failed", error.label());
            assertTrue(((String) error.value()).startsWith("ERROR: relation \"spinj_nowhere\" does not exist"), error.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg2", "pg3"})
    void anAddressNotInTheAllowListIsConnectionFailedNotPermitted(String version) {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.err(v("connection-failed", "address postgres://127.0.0.1:5433 is not permitted")),
                    i.call(version + "-open", "postgres://postgres@127.0.0.1:5433/test"));
        }
    }

    @Test
    void anUnreachableServerFailsOpenWithConnectionFailed() {
        try (var i = guest.instantiate()) {
            VariantValue error = (VariantValue) assertInstanceOf(ResultValue.Err.class,
                    i.call("pg2-open", "postgres://postgres@127.0.0.1:1/test")).value();
            assertEquals("connection-failed", error.label());
            assertTrue(((String) error.value()).startsWith("Connection to 127.0.0.1:1 refused"), error.toString());
        }
    }

    @Test
    void mysql2RoundTripsSignedAndUnsignedTypesAndExecuteIsUnit() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("mysql2-open", MYSQL));
            assertEquals(OK, i.call("mysql2-execute", c, "DROP TABLE IF EXISTS spinj_mysql2_types", List.of()));
            assertEquals(OK, i.call("mysql2-execute", c, "CREATE TABLE spinj_mysql2_types (i8 TINYINT, u8 TINYINT UNSIGNED,"
                    + " u32 INT UNSIGNED, u64 BIGINT UNSIGNED, s VARCHAR(20))", List.of()));
            assertEquals(OK, i.call("mysql2-execute", c, "INSERT INTO spinj_mysql2_types VALUES (?, ?, ?, ?, ?)",
                    List.of(v("int8", -5), v("uint8", 200), v("uint32", 4_000_000_000L), v("uint64", -1L), v("str", "héllo"))));
            RecordValue set = rows(i.call("mysql2-query", c, "SELECT * FROM spinj_mysql2_types", List.of()));
            assertEquals(List.of(RecordValue.of("i8", "int8"), RecordValue.of("u8", "uint8"), RecordValue.of("u32", "uint32"),
                    RecordValue.of("u64", "uint64"), RecordValue.of("s", "str")), set.get(0));
            assertEquals(List.of(v("int8", -5), v("uint8", 200), v("uint32", 4_000_000_000L), v("uint64", -1L), v("str", "héllo")),
                    onlyRow(set));
        }
    }

    /** The session changes of one instance: a search path and a transaction it never commits. */
    @Test
    void aPostgresSessionChangeIsNotVisibleToTheNextInstance() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg2-open", PG));
            i.call("pg2-execute", c, "CREATE TABLE IF NOT EXISTS spinj_pg2_isolation (v TEXT)", List.of());
            i.call("pg2-execute", c, "DELETE FROM spinj_pg2_isolation", List.of());
            i.call("pg2-execute", c, "SET search_path TO spinj_elsewhere", List.of());
            i.call("pg2-execute", c, "BEGIN", List.of());
            i.call("pg2-execute", c, "INSERT INTO public.spinj_pg2_isolation VALUES ('uncommitted')", List.of());
        }
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg2-open", PG));
            assertEquals(List.of(v("str", "\"$user\", public")), onlyRow(rows(i.call("pg2-query", c, "SHOW search_path", List.of()))));
            assertEquals(List.of(v("int64", 0L)), onlyRow(rows(i.call("pg2-query", c,
                    "SELECT COUNT(*) FROM spinj_pg2_isolation", List.of()))));
        }
    }

    @Test
    void aMysqlSessionChangeIsNotVisibleToTheNextInstance() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("mysql2-open", MYSQL));
            i.call("mysql2-execute", c, "CREATE TABLE IF NOT EXISTS spinj_mysql2_isolation (v TEXT)", List.of());
            i.call("mysql2-execute", c, "DELETE FROM spinj_mysql2_isolation", List.of());
            i.call("mysql2-execute", c, "SET @spinj_marker = 'left behind'", List.of());
            i.call("mysql2-execute", c, "BEGIN", List.of());
            i.call("mysql2-execute", c, "INSERT INTO spinj_mysql2_isolation VALUES ('uncommitted')", List.of());
        }
        try (var i = guest.instantiate()) {
            long c = handle(i.call("mysql2-open", MYSQL));
            assertEquals(VariantValue.of("db-null"), onlyRow(rows(i.call("mysql2-query", c, "SELECT @spinj_marker AS m",
                    List.of()))).get(0));
            assertEquals(List.of(v("int64", 0L)), onlyRow(rows(i.call("mysql2-query", c,
                    "SELECT COUNT(*) AS n FROM spinj_mysql2_isolation", List.of()))));
        }
    }

    @Test
    void eachConnectionIsASessionOfItsOwnAndDroppingOneWipesIt() {
        try (var i = guest.instantiate()) {
            long a = handle(i.call("pg2-open", PG));
            long b = handle(i.call("pg2-open", PG));
            i.call("pg2-execute", a, "SET search_path TO spinj_elsewhere", List.of());
            assertEquals(List.of(v("str", "\"$user\", public")), onlyRow(rows(i.call("pg2-query", b, "SHOW search_path", List.of()))));
            i.call("pg2-drop", a);
            i.call("pg2-drop", b);
            long c = handle(i.call("pg2-open", PG));
            assertEquals(List.of(v("str", "\"$user\", public")), onlyRow(rows(i.call("pg2-query", c, "SHOW search_path", List.of()))));
        }
    }

    @Test
    void postgres3ReadsAndBindsDatesTimesAndTimestamps() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg3-open", PG));
            RecordValue set = rows(i.call("pg3-query", c, "SELECT $1::DATE AS d, $2::TIME AS t, $3::TIMESTAMP AS dt,"
                    + " $4::TIMESTAMPTZ AS ts, gen_random_uuid() AS u", List.of(v("date", List.of(2024, 2, 29)),
                    v("time", List.of(13, 45, 30, 123_456_000L)), v("datetime", List.of(1999, 12, 31, 23, 59, 58, 0L)),
                    v("timestamp", 86_400L + 3723L))));
            assertEquals(List.of(RecordValue.of("d", "date"), RecordValue.of("t", "time"), RecordValue.of("dt", "datetime"),
                    RecordValue.of("ts", "datetime"), RecordValue.of("u", "other")), set.get(0));
            assertEquals(List.of(v("date", List.of(2024, 2, 29)), v("time", List.of(13, 45, 30, 123_456_000L)),
                    v("datetime", List.of(1999, 12, 31, 23, 59, 58, 0L)), v("datetime", List.of(1970, 1, 2, 1, 2, 3, 0L)),
                    VariantValue.of("unsupported")), onlyRow(set));
        }
    }

    @Test
    void postgres4ReadsUuidJsonbAndDecimalAndNamesTheTypesItDoesNotKnow() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg4-open", PG));
            RecordValue set = rows(i.call("pg4-query", c, "SELECT $1::UUID AS u, $2::JSONB AS j, $3::NUMERIC AS n,"
                    + " ARRAY[1, 2] AS a", List.of(v("uuid", "0e2a6a8e-2d6a-4b5e-9a53-9f3d1c2b4a10"),
                    v("jsonb", "{\"a\":1}".getBytes(UTF_8)), v("decimal", "12.50"))));
            assertEquals(List.of(RecordValue.of("u", VariantValue.of("uuid")), RecordValue.of("j", VariantValue.of("jsonb")),
                    RecordValue.of("n", VariantValue.of("decimal")), RecordValue.of("a", v("other", "_int4"))), set.get(0));
            List<?> row = onlyRow(set);
            assertEquals(v("uuid", "0e2a6a8e-2d6a-4b5e-9a53-9f3d1c2b4a10"), row.get(0));
            assertArrayEquals("{\"a\": 1}".getBytes(UTF_8), (byte[]) ((VariantValue) row.get(1)).value());
            assertEquals(v("decimal", "12.50"), row.get(2));
            assertEquals("unsupported", ((VariantValue) row.get(3)).label());
        }
    }

    @Test
    void postgres4QueryFailedCarriesTheServersError() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg4-open", PG));
            VariantValue error = (VariantValue) assertInstanceOf(ResultValue.Err.class,
                    i.call("pg4-query", c, "SELECT * FROM spinj_nowhere", List.of())).value();
            assertEquals("query-failed", error.label());
            VariantValue queryError = (VariantValue) error.value();
            assertEquals("db-error", queryError.label());
            RecordValue db = (RecordValue) queryError.value();
            assertEquals(List.of("ERROR", "42P01", "relation \"spinj_nowhere\" does not exist", Optional.empty()),
                    db.fields().subList(1, 5));
        }
    }

    @Test
    void postgres4RefusesParameterKindsItCannotBind() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("pg4-open", PG));
            assertEquals(ResultValue.err(v("bad-parameter", "array-int32 parameters are not supported")),
                    i.call("pg4-query", c, "SELECT $1", List.of(v("array-int32", List.of(Optional.of(1))))));
        }
    }

    @Test
    void aPostgres4ConnectionBuilderBuildsAConnectionButTakesNoCaRoot() {
        try (var i = guest.instantiate()) {
            long builder = (Long) i.call("pg4-builder", PG);
            assertEquals(ResultValue.err(v("other", "custom CA roots are not supported by this runtime")),
                    i.call("pg4-builder-set-ca-root", builder, "-----BEGIN CERTIFICATE-----"));
            long c = handle(i.call("pg4-builder-build", builder));
            i.call("pg4-builder-drop", builder);
            assertEquals(List.of(v("int32", 1)), onlyRow(rows(i.call("pg4-query", c, "SELECT 1 AS one", List.of()))));
        }
    }
}
