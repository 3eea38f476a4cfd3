package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the PostgreSQL (127.0.0.1:5432, trust) and MariaDB (127.0.0.1:3306, root) of the test machine. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RdbmsHostTest {
    private static final String PG = "postgres://postgres@127.0.0.1:5432/test";
    private static final String MYSQL = "mysql://root@127.0.0.1:3306/test";
    private static HostProbe probe;

    @BeforeAll
    static void start() throws Exception {
        probe = HostProbe.start(HostProbe.lock());
    }

    @AfterAll
    static void stop() {
        probe.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void postgresRoundTripsEverySupportedType(String flavour) throws Exception {
        String table = "spinj_pg_types_" + flavour;
        String out = probe.run(flavour, "pg",
                "execute\t" + PG + "\tDROP TABLE IF EXISTS " + table,
                "execute\t" + PG + "\tCREATE TABLE " + table + " (b BOOLEAN, t8 SMALLINT, i16 SMALLINT, i32 INTEGER,"
                        + " i64 BIGINT, f32 REAL, f64 DOUBLE PRECISION, s TEXT, v VARCHAR(10), bin BYTEA, n TEXT)",
                "execute\t" + PG + "\tINSERT INTO " + table + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                        + "\tbool:1\ti8:-5\ti16:-300\ti32:-70000\ti64:-5000000000\tf32:1.5\tf64:2.25\tstr:héllo\tstr:\tbin:00ff\tnull",
                "query\t" + PG + "\tSELECT * FROM " + table);
        assertEquals("ok 0\nok 0\nok 1\nok cols=b:boolean,t8:int16,i16:int16,i32:int32,i64:int64,f32:floating32,"
                + "f64:floating64,s:str,v:str,bin:binary,n:str rows=[bool:1,i16:-5,i16:-300,i32:-70000,i64:-5000000000,"
                + "f32:1.5,f64:2.25,str:héllo,str:,bin:00ff,null]\n", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void postgresRefusesUnsignedParameters(String flavour) throws Exception {
        assertEquals("err 2 Postgres does not support unsigned integers\n",
                probe.run(flavour, "pg", "query\t" + PG + "\tSELECT $1\tu8:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void postgresBadQueryIsQueryFailedWithTheMessage(String flavour) throws Exception {
        assertEquals("err 3 ERROR: relation \"spinj_nowhere\" does not exist\n  Position: 15\n"
                        + "err 3 ERROR: relation \"spinj_nowhere\" does not exist\n  Position: 13\n",
                probe.run(flavour, "pg", "query\t" + PG + "\tSELECT * FROM spinj_nowhere",
                        "execute\t" + PG + "\tDELETE FROM spinj_nowhere"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void postgresUnreachableServerIsConnectionFailed(String flavour) throws Exception {
        String out = probe.run(flavour, "pg", "query\tpostgres://postgres@127.0.0.1:1/test\tSELECT 1");
        assertEquals("err 1 Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct and that"
                + " the postmaster is accepting TCP/IP connections.\n", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void mysqlRoundTripsEverySupportedType(String flavour) throws Exception {
        String table = "spinj_mysql_types_" + flavour;
        String out = probe.run(flavour, "mysql",
                "execute\t" + MYSQL + "\tDROP TABLE IF EXISTS " + table,
                "execute\t" + MYSQL + "\tCREATE TABLE " + table + " (b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT,"
                        + " i64 BIGINT, u8 TINYINT UNSIGNED, u16 SMALLINT UNSIGNED, u32 INT UNSIGNED, u64 BIGINT UNSIGNED,"
                        + " f32 FLOAT, f64 DOUBLE, s VARCHAR(20), bin VARBINARY(10), n TEXT)",
                "execute\t" + MYSQL + "\tINSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + "\tbool:1\ti8:-5\ti16:-300\ti32:-70000\ti64:-5000000000\tu8:200\tu16:60000\tu32:4000000000"
                        + "\tu64:18446744073709551615\tf32:1.5\tf64:2.25\tstr:héllo\tbin:00ff\tnull",
                "query\t" + MYSQL + "\tSELECT * FROM " + table);
        assertEquals("ok\nok\nok\nok cols=b:int8,i8:int8,i16:int16,i32:int32,i64:int64,u8:uint8,u16:uint16,u32:uint32,"
                + "u64:uint64,f32:floating32,f64:floating64,s:str,bin:binary,n:str rows=[i8:1,i8:-5,i16:-300,i32:-70000,"
                + "i64:-5000000000,u8:200,u16:60000,u32:4000000000,u64:18446744073709551615,f32:1.5,f64:2.25,str:héllo,"
                + "bin:00ff,null]\n", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void mysqlBadQueryIsQueryFailedWithTheMessage(String flavour) throws Exception {
        assertEquals("err 3 (conn=X) Table 'test.spinj_nowhere' doesn't exist\n",
                probe.run(flavour, "mysql", "query\t" + MYSQL + "\tSELECT * FROM spinj_nowhere")
                        .replaceAll("\\(conn=\\d+\\)", "(conn=X)"));
    }
}
