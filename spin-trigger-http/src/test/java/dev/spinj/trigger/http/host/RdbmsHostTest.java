package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void mysqlLoadDataLocalInfileCannotReadAHostFile(String flavour, @TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "host secret\n");
        String table = "spinj_infile_" + flavour;
        String out = probe.run(flavour, "mysql",
                "execute\t" + MYSQL + "\tDROP TABLE IF EXISTS " + table,
                "execute\t" + MYSQL + "\tCREATE TABLE " + table + " (line TEXT)",
                "execute\t" + MYSQL + "\tLOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE " + table,
                "query\t" + MYSQL + "\tSELECT COUNT(*) AS n FROM " + table);
        assertEquals("ok\nok\nerr 3 Local infile is disabled by connector. Enable `allowLocalInfile` to allow local"
                + " infile commands\nok cols=n:int64 rows=[i64:0]\n", out);
    }

    /** Driver options that read host files, load classes or connect elsewhere never reach the driver. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pg|postgres://postgres@127.0.0.1:5432/test?socketFactory=javax.net.DefaultSocketFactory|socketFactory",
        "pg|postgres://postgres@127.0.0.1:5432/test?sslmode=require&sslfactory=org.postgresql.ssl.NonValidatingFactory|sslfactory",
        "pg|postgres://postgres@127.0.0.1:5432/test?sslkey=/etc/passwd&sslcert=/etc/passwd|sslkey",
        "pg|postgres://postgres@127.0.0.1:5432/test?loggerFile=/tmp/spinj-pg.log&loggerLevel=DEBUG|loggerFile",
        "pg|postgres://postgres@127.0.0.1:5432/test?authenticationPluginClassName=java.lang.Object|authenticationPluginClassName",
        "pg|postgres://postgres@127.0.0.1:5432/test?PGHOST=127.0.0.2|PGHOST",
        "mysql|mysql://root@127.0.0.1:3306/test?allowLocalInfile=true|allowLocalInfile",
        "mysql|mysql://root@127.0.0.1:3306/test?allowLoadLocalInfile=true|allowLoadLocalInfile",
        "mysql|mysql://root@127.0.0.1:3306/test?serverRsaPublicKeyFile=/etc/passwd|serverRsaPublicKeyFile",
        "mysql|mysql://root@127.0.0.1:3306/test?localSocket=/run/mysqld/mysqld.sock|localSocket",
        "mysql|mysql://root@127.0.0.1:3306/test?socketFactory=javax.net.DefaultSocketFactory|socketFactory",
    })
    void driverOptionsInTheAddressAreRefused(String interfaceName, String address, String option) throws Exception {
        String supported = interfaceName.equals("pg") ? "application_name, options, password, sslmode, user" : "password, sslMode, user";
        String scheme = interfaceName.equals("pg") ? "postgres" : "mysql";
        assertEquals("err 1 invalid " + scheme + " address: parameter '" + option + "' is not supported (supported: "
                + supported + ")\n", probe.run("a", interfaceName, "query\t" + address + "\tSELECT 1"));
    }

    /**
     * pgJDBC fills a missing password from the host's pgpass file; a guest must not borrow the
     * host's credentials. A fake server asks for a cleartext password and records what comes.
     */
    @Test
    void postgresNeverSendsAPasswordFromTheHostsPgpassFile(@TempDir Path dir) throws Exception {
        Path pgpass = Files.writeString(dir.resolve("pgpass"), "*:*:*:*:host-secret\n");
        String previous = System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(
                    () -> passwordSentTo(server));
            String out = probe.run("a", "pg", "query\tpostgres://guest@127.0.0.1:" + server.getLocalPort() + "/test\tSELECT 1");
            assertTrue(out.startsWith("err 1 "), out);
            assertEquals("", sent.get(30, TimeUnit.SECONDS));
        } finally {
            if (previous == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", previous);
            }
        }
    }

    /** Plays PostgreSQL up to the password: refuses TLS, asks for a cleartext password, returns it. */
    private static String passwordSentTo(ServerSocket server) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                in.skipNBytes(length - 8);
                if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest
                    out.writeByte('N');
                    out.flush();
                    continue;
                }
                break; // the startup message
            }
            out.writeByte('R');
            out.writeInt(8);
            out.writeInt(3); // AuthenticationCleartextPassword
            out.flush();
            if (in.read() != 'p') {
                return "(no password message)";
            }
            byte[] password = new byte[in.readInt() - 4];
            in.readFully(password);
            return new String(password, 0, password.length - 1, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    void postgresAddressParametersSpinKnowsStillApply() throws Exception {
        assertEquals("ok cols=name:str rows=[str:probe app]\n", probe.run("b", "pg",
                "query\t" + PG + "?sslmode=disable&application_name=probe%20app\tSELECT current_setting('application_name') AS name"));
    }

    /** One request's session (BEGIN, SET) spans its calls, and the next request starts afresh on the same pooled connection. */
    @Test
    void postgresSessionStateDoesNotLeakToTheNextRequest() throws Exception {
        String table = "public.spinj_pg_leak";
        String first = probe.run("a", "pg",
                "execute\t" + PG + "\tDROP TABLE IF EXISTS " + table,
                "execute\t" + PG + "\tCREATE TABLE " + table + " (n INTEGER)",
                "execute\t" + PG + "\tBEGIN",
                "execute\t" + PG + "\tINSERT INTO " + table + " VALUES (1)",
                "execute\t" + PG + "\tSET search_path TO pg_catalog",
                "execute\t" + PG + "\tSET application_name TO 'leaked'",
                "query\t" + PG + "\tSELECT count(*) AS n, pg_backend_pid() AS pid FROM " + table);
        String pid = first.replaceAll("(?s).*i32:(\\d+)\\]\n$", "$1");
        assertEquals("ok 0\nok 0\nok 0\nok 1\nok 0\nok 0\nok cols=n:int64,pid:int32 rows=[i64:1,i32:" + pid + "]\n", first);
        assertEquals("ok cols=path:str,app:str,n:int64,pid:int32 rows=[str:\"$user\", public,str:,i64:0,i32:" + pid + "]\n",
                probe.run("a", "pg", "query\t" + PG + "\tSELECT current_setting('search_path') AS path,"
                        + " current_setting('application_name') AS app, (SELECT count(*) FROM " + table + ") AS n,"
                        + " pg_backend_pid() AS pid"));
    }

    /** pgJDBC prepares a statement on the server from its fifth use; the reset's DISCARD ALL must not break that cache. */
    @Test
    void postgresStatementsPreparedOnTheServerSurviveTheReset() throws Exception {
        String[] script = new String[8];
        Arrays.fill(script, "query\t" + PG + "\tSELECT 7 AS n");
        String expected = "ok cols=n:int32 rows=[i32:7]\n".repeat(script.length);
        assertEquals(expected, probe.run("a", "pg", script));
        assertEquals(expected, probe.run("a", "pg", script));
    }

    @Test
    void mysqlSessionStateDoesNotLeakToTheNextRequest() throws Exception {
        String table = "test.spinj_mysql_leak";
        String first = probe.run("b", "mysql",
                "execute\t" + MYSQL + "\tDROP TABLE IF EXISTS " + table,
                "execute\t" + MYSQL + "\tCREATE TABLE " + table + " (n INT) ENGINE=InnoDB",
                "execute\t" + MYSQL + "\tBEGIN",
                "execute\t" + MYSQL + "\tINSERT INTO " + table + " VALUES (1)",
                "execute\t" + MYSQL + "\tSET @leak = 42",
                "execute\t" + MYSQL + "\tSET SESSION sql_mode = 'ANSI_QUOTES'",
                "execute\t" + MYSQL + "\tUSE mysql",
                "query\t" + MYSQL + "\tSELECT COUNT(*) AS n, CONNECTION_ID() AS id FROM " + table);
        String id = first.replaceAll("(?s).*u32:(\\d+)\\]\n$", "$1");
        assertEquals("ok\nok\nok\nok\nok\nok\nok\nok cols=n:int64,id:uint32 rows=[i64:1,u32:" + id + "]\n", first);
        assertEquals("ok cols=v:str,mode:int32,db:str,n:int64,id:uint32 rows=[null,i32:1,str:test,i64:0,u32:" + id + "]\n",
                probe.run("b", "mysql", "query\t" + MYSQL + "\tSELECT CAST(@leak AS CHAR) AS v,"
                        + " CAST(@@SESSION.sql_mode = @@GLOBAL.sql_mode AS SIGNED INTEGER) AS mode, DATABASE() AS db,"
                        + " (SELECT COUNT(*) FROM " + table + ") AS n, CONNECTION_ID() AS id"));
    }

    @Test
    void v2ComponentReachesOnlyTheDatabasesItsAllowedOutboundHostsName() throws Exception {
        try (ServerSocket counter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                HostProbe v2 = HostProbe.start(spin2(List.of("postgres://127.0.0.1:5432", "mysql://127.0.0.1")))) {
            AtomicInteger accepted = countAccepts(counter);
            int port = counter.getLocalPort();
            assertEquals("err 1 address postgres://127.0.0.1:" + port + " is not permitted\nok cols=n:int32 rows=[i32:1]\n",
                    v2.run("a", "pg", "query\tpostgres://postgres@127.0.0.1:" + port + "/test\tSELECT 1 AS n",
                            "query\t" + PG + "\tSELECT 1 AS n"));
            assertEquals("err 1 address mysql://127.0.0.1:" + port + " is not permitted\nok cols=n:int32 rows=[i32:1]\n",
                    v2.run("b", "mysql", "query\tmysql://root@127.0.0.1:" + port + "/test\tSELECT 1 AS n",
                            "query\t" + MYSQL + "\tSELECT 1 AS n"));
            assertEquals("err 1 address postgres://localhost:5432 is not permitted\n",
                    v2.run("a", "pg", "query\tpostgresql://postgres@localhost/test\tSELECT 1 AS n"));
            assertEquals(0, accepted.get());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pg|" + PG + "|SELECT pg_sleep(6)|SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(6)'|ok cols=n:int64 rows=[i64:0]",
        "mysql|" + MYSQL + "|SELECT SLEEP(6)|SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(6)'|ok cols=n:int64 rows=[i64:0]",
    })
    void queryPastTheRequestDeadlineIsCancelledAnd503(String interfaceName, String address, String sleep, String check,
            String expected) throws Exception {
        try (HostProbe timed = HostProbe.startWithRequestTimeout(HostProbe.lock(), HostSettings.defaults(), Duration.ofSeconds(1))) {
            probe.run("b", interfaceName, "query\t" + address + "\tSELECT 1"); // loads the driver before the clock starts
            long start = System.nanoTime();
            HttpResponse<String> response = timed.post("/a/" + interfaceName, "query\t" + address + "\t" + sleep);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(elapsedMillis < 2000, "answered after " + elapsedMillis + " ms");
            assertEquals(expected + "\n", timed.run("a", interfaceName, "query\t" + address + "\t" + check));
        }
    }

    /** A server that accepts and never answers must not hold the request past its deadline. */
    @ParameterizedTest
    @ValueSource(strings = {"pg", "mysql"})
    void connectingToASilentServerEndsWithTheRequestDeadline(String interfaceName) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                HostProbe timed = HostProbe.startWithRequestTimeout(HostProbe.lock(), HostSettings.defaults(), Duration.ofSeconds(1))) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            String address = (interfaceName.equals("pg") ? "postgres://postgres@" : "mysql://root@") + "127.0.0.1:"
                    + silent.getLocalPort() + "/test";
            // Loads the JDBC drivers (a one-off cost of seconds on a busy machine) before the clock starts.
            probe.run("b", interfaceName, "query\t" + (interfaceName.equals("pg") ? PG : MYSQL) + "\tSELECT 1");
            long start = System.nanoTime();
            HttpResponse<String> response = timed.post("/a/" + interfaceName, "query\t" + address + "\tSELECT 1");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(elapsedMillis < 2000, "answered after " + elapsedMillis + " ms");
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static LockedApp spin2(List<String> allowedOutboundHosts) throws Exception {
        LockedApp v1 = HostProbe.lock();
        Map<String, Object> metadata = new HashMap<>(v1.metadata());
        metadata.put("triggers", Map.of("http", Map.of()));
        LockedApp v2 = new LockedApp(0, metadata, v1.variables(), v1.triggers(), v1.components());
        return HostProbe.withComponents(v2, c -> {
            Map<String, Object> componentMetadata = new HashMap<>(c.metadata());
            componentMetadata.put("allowed_outbound_hosts", allowedOutboundHosts);
            return new LockedComponent(c.id(), componentMetadata, c.source(), c.env(), c.files(), c.config());
        });
    }

    /** Counts connections to {@code server} on a daemon thread, closing each. */
    private static AtomicInteger countAccepts(ServerSocket server) {
        AtomicInteger accepted = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "accept-counter");
        acceptor.setDaemon(true);
        acceptor.start();
        return accepted;
    }
}
