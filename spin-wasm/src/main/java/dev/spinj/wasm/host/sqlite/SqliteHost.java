package dev.spinj.wasm.host.sqlite;

import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestAbiException;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.host.ErrorResults;
import dev.spinj.wasm.host.HandleTable;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostImport;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.services.LabelRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sqlite.*} / {@code fermyon:spin/sqlite.*} (SPEC 3.5): {@code open} checks the component's
 * {@code sqlite_databases} (lock metadata {@code databases}), {@code execute} runs one statement
 * with parameters and returns columns and rows. At most 256 connections per instance, as in Spin
 * ({@link SqliteDatabases#CONNECTIONS_PER_INSTANCE}).
 */
public final class SqliteHost implements HostInterface {
    private static final int NO_SUCH_DATABASE = 0;
    private static final int ACCESS_DENIED = 1;
    private static final int INVALID_CONNECTION = 2;
    private static final int DATABASE_FULL = 3;
    private static final int IO = 4;

    private final SqliteDatabases databases;

    public SqliteHost(SqliteDatabases databases) {
        this.databases = databases;
    }

    @Override
    public String legacyModule() {
        return "sqlite";
    }

    @Override
    public String canonicalModule() {
        return "fermyon:spin/sqlite";
    }

    @Override
    public List<HostImport> imports() {
        return List.of(
                HostImport.i32s("open", 3, this::open),
                HostImport.i32s("execute", 6, this::execute),
                HostImport.i32s("close", 1, (ctx, a) -> {
                    connections(ctx).remove((int) a[0]);
                    return null;
                }));
    }

    private long[] open(HostContext ctx, long[] args) {
        String name = ctx.abi().liftString((int) args[0], (int) args[1], "SQLite database name");
        int ret = (int) args[2];
        ctx.abi().memory().checkRange(ret, 16, "SQLite open return area");
        SqliteDatabase database;
        try {
            database = databases.databaseFor(ctx.component(), name);
        } catch (LabelRefusedException e) {
            ErrorResults.writeEnum(ctx, ret, 4, switch (e.reason()) {
                case ACCESS_DENIED -> ACCESS_DENIED;
                case UNDEFINED -> NO_SUCH_DATABASE;
            });
            return null;
        } catch (SqliteException e) {
            ErrorResults.writeStringCase(ctx, ret, 4, IO, e.getMessage());
            return null;
        }
        int handle = connections(ctx).add(database);
        if (handle < 0) {
            ErrorResults.writeEnum(ctx, ret, 4, DATABASE_FULL);
        } else {
            ctx.abi().memory().writeU8(ret, 0);
            ctx.abi().memory().writeI32(ret + 4, handle);
        }
        return null;
    }

    private long[] execute(HostContext ctx, long[] args) {
        CanonicalAbi abi = ctx.abi();
        String sql = abi.liftString((int) args[1], (int) args[2], "SQLite statement");
        List<SqliteValue> parameters = liftValues(abi, (int) args[3], (int) args[4]);
        int ret = (int) args[5];
        abi.memory().checkRange(ret, 20, "SQLite execute return area");
        SqliteDatabase database = connections(ctx).get((int) args[0]);
        if (database == null) {
            ErrorResults.writeEnum(ctx, ret, 4, INVALID_CONNECTION);
            return null;
        }
        SqliteDatabase.Result result;
        try {
            result = database.execute(sql, parameters);
        } catch (SqliteException e) {
            ErrorResults.writeStringCase(ctx, ret, 4, IO, e.getMessage());
            return null;
        }
        Slice columns = abi.lowerStrings(result.columns());
        int rows = abi.allocator().allocate(4, result.rows().size() * 8);
        for (int r = 0; r < result.rows().size(); r++) {
            Slice values = lowerValues(abi, result.rows().get(r));
            abi.memory().writeI32(rows + r * 8, values.ptr());
            abi.memory().writeI32(rows + r * 8 + 4, values.len());
        }
        GuestMemory memory = abi.memory();
        memory.writeU8(ret, 0);
        memory.writeI32(ret + 4, columns.ptr());
        memory.writeI32(ret + 8, columns.len());
        memory.writeI32(ret + 12, rows);
        memory.writeI32(ret + 16, result.rows().size());
        return null;
    }

    private static List<SqliteValue> liftValues(CanonicalAbi abi, int ptr, int count) {
        GuestMemory memory = abi.memory();
        if (Integer.toUnsignedLong(count) * SqliteValue.SIZE > Integer.MAX_VALUE) {
            throw new GuestAbiException("SQLite parameters: too many elements: " + Integer.toUnsignedLong(count));
        }
        memory.checkRange(ptr, count * SqliteValue.SIZE, "SQLite parameters");
        List<SqliteValue> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = ptr + i * SqliteValue.SIZE;
            int tag = abi.tag(at, 5, "SQLite value");
            values.add(switch (tag) {
                case SqliteValue.INTEGER -> new SqliteValue(tag, memory.i64(at + 8), 0, null);
                case SqliteValue.REAL -> new SqliteValue(tag, 0, memory.f64(at + 8), null);
                case SqliteValue.TEXT -> new SqliteValue(tag, 0, 0,
                        abi.liftString(memory.i32(at + 8), memory.i32(at + 12), "SQLite parameter " + i)
                                .getBytes(StandardCharsets.UTF_8));
                case SqliteValue.BLOB -> new SqliteValue(tag, 0, 0,
                        abi.liftBytes(memory.i32(at + 8), memory.i32(at + 12), "SQLite parameter " + i));
                default -> new SqliteValue(SqliteValue.NULL, 0, 0, null);
            });
        }
        return values;
    }

    private static Slice lowerValues(CanonicalAbi abi, List<SqliteValue> values) {
        List<Slice> payloads = new ArrayList<>(values.size());
        for (SqliteValue value : values) {
            payloads.add(value.bytes() == null ? null : abi.lowerBytes(value.bytes()));
        }
        int array = abi.allocator().allocate(8, values.size() * SqliteValue.SIZE);
        GuestMemory memory = abi.memory();
        for (int i = 0; i < values.size(); i++) {
            int at = array + i * SqliteValue.SIZE;
            SqliteValue value = values.get(i);
            memory.writeU8(at, value.tag());
            switch (value.tag()) {
                case SqliteValue.INTEGER -> memory.writeI64(at + 8, value.integer());
                case SqliteValue.REAL -> memory.writeF64(at + 8, value.real());
                case SqliteValue.TEXT, SqliteValue.BLOB -> {
                    memory.writeI32(at + 8, payloads.get(i).ptr());
                    memory.writeI32(at + 12, payloads.get(i).len());
                }
                default -> { }
            }
        }
        return new Slice(array, values.size());
    }

    private static HandleTable<SqliteDatabase> connections(HostContext ctx) {
        return ctx.state(SqliteHost.class, () -> new HandleTable<>(SqliteDatabases.CONNECTIONS_PER_INSTANCE));
    }
}
