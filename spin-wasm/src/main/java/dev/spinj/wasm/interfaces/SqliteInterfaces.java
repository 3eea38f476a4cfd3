package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.BYTES;
import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.list;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.record;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.self;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.sqlite.SqliteDatabase;
import dev.spinj.wasm.host.sqlite.SqliteDatabases;
import dev.spinj.wasm.host.sqlite.SqliteException;
import dev.spinj.wasm.host.sqlite.SqliteValue;
import dev.spinj.wasm.services.LabelRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code fermyon:spin/sqlite@2.0.0} and the synchronous functions of {@code
 * spin:sqlite/sqlite@3.1.0} (SPEC2 §4.2, §4.3; registered once for the {@code @3} track, so
 * {@code @3.0.0} guests bind too) over the app's {@link SqliteDatabases}, the ones the 1.x
 * interface opens.
 */
final class SqliteInterfaces {
    private final SqliteDatabases databases;
    private final HostResource<Connection> v2 = new HostResource<>("connection", SqliteDatabases.CONNECTIONS_PER_INSTANCE, c -> { });
    private final HostResource<Connection> v3 = new HostResource<>("connection", SqliteDatabases.CONNECTIONS_PER_INSTANCE, c -> { });

    private final ValType error = variant(alt("no-such-database"), alt("access-denied"), alt("invalid-connection"),
            alt("database-full"), alt("io", STRING));
    private final ValType value = variant(alt("integer", Primitive.S64), alt("real", Primitive.F64), alt("text", STRING),
            alt("blob", BYTES), alt("null"));
    private final ValType queryResult = record(param("columns", list(STRING)),
            param("rows", list(record(param("values", list(value))))));

    SqliteInterfaces(SqliteDatabases databases) {
        this.databases = databases;
    }

    void addTo(Linker linker) {
        linker.instance("fermyon:spin/sqlite@2.0.0", connectionInterface(v2).build());
        linker.instance("spin:sqlite/sqlite@3.1.0", connectionInterface(v3)
                .function("[method]connection.last-insert-rowid", ComponentFunction.of(func(Primitive.S64, self(v3.type())),
                        a -> v3.get(a[0]).lastInsertRowid))
                .function("[method]connection.changes", ComponentFunction.of(func(Primitive.U64, self(v3.type())),
                        a -> v3.get(a[0]).changes))
                .build());
    }

    /** A connection the guest opened: its database, and what its last statement left behind (for 3.x). */
    private static final class Connection {
        final SqliteDatabase database;
        long lastInsertRowid;
        long changes;

        Connection(SqliteDatabase database) {
            this.database = database;
        }
    }

    private HostInstance.Builder connectionInterface(HostResource<Connection> connections) {
        var connection = connections.type();
        return connections.declareIn(HostInstance.builder())
                .function("[static]connection.open", ComponentFunction.of(func(result(own(connection), error),
                        param("database", STRING)), a -> open((String) a[0], connections)))
                .function("[method]connection.execute", ComponentFunction.of(func(result(queryResult, error), self(connection),
                        param("statement", STRING), param("parameters", list(value))),
                        a -> execute(connections.get(a[0]), (String) a[1], (List<?>) a[2])));
    }

    /** Spin's order: the grant, the definition, then the table, whose overflow is an {@code io} error since 2.x. */
    private ResultValue open(String label, HostResource<Connection> connections) {
        SqliteDatabase database;
        try {
            database = databases.databaseFor(HostContext.current().component(), label);
        } catch (LabelRefusedException e) {
            return ResultValue.err(VariantValue.of(switch (e.reason()) {
                case ACCESS_DENIED -> "access-denied";
                case UNDEFINED -> "no-such-database";
            }));
        } catch (SqliteException e) {
            return io(e);
        }
        OptionalInt rep = connections.add(new Connection(database));
        return rep.isPresent() ? ResultValue.ok(rep.getAsInt())
                : ResultValue.err(new VariantValue("io", "too many connections opened"));
    }

    private ResultValue execute(Connection connection, String sql, List<?> parameters) {
        List<SqliteValue> bound = new ArrayList<>(parameters.size());
        for (Object p : parameters) {
            bound.add(toSqlite((VariantValue) p));
        }
        SqliteDatabase.Result result;
        try {
            result = connection.database.execute(sql, bound);
        } catch (SqliteException e) {
            return io(e);
        }
        connection.lastInsertRowid = result.lastInsertRowid();
        connection.changes = result.changes();
        List<RecordValue> rows = new ArrayList<>(result.rows().size());
        for (List<SqliteValue> row : result.rows()) {
            rows.add(RecordValue.of(row.stream().map(SqliteInterfaces::toWit).toList()));
        }
        return ResultValue.ok(RecordValue.of(result.columns(), rows));
    }

    private static ResultValue io(SqliteException e) {
        return ResultValue.err(new VariantValue("io", e.getMessage()));
    }

    private static SqliteValue toSqlite(VariantValue v) {
        return switch (v.label()) {
            case "integer" -> new SqliteValue(SqliteValue.INTEGER, (Long) v.value(), 0, null);
            case "real" -> new SqliteValue(SqliteValue.REAL, 0, (Double) v.value(), null);
            case "text" -> new SqliteValue(SqliteValue.TEXT, 0, 0, ((String) v.value()).getBytes(StandardCharsets.UTF_8));
            case "blob" -> new SqliteValue(SqliteValue.BLOB, 0, 0, (byte[]) v.value());
            default -> new SqliteValue(SqliteValue.NULL, 0, 0, null);
        };
    }

    private static VariantValue toWit(SqliteValue v) {
        return switch (v.tag()) {
            case SqliteValue.INTEGER -> new VariantValue("integer", v.integer());
            case SqliteValue.REAL -> new VariantValue("real", v.real());
            case SqliteValue.TEXT -> new VariantValue("text", new String(v.bytes(), StandardCharsets.UTF_8));
            case SqliteValue.BLOB -> new VariantValue("blob", v.bytes());
            default -> VariantValue.of("null");
        };
    }
}
