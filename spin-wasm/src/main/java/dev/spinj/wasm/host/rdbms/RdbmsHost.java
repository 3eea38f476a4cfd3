package dev.spinj.wasm.host.rdbms;

import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestAbiException;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.host.ErrorResults;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostImport;
import dev.spinj.wasm.host.HostInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code outbound-pg.*} / {@code fermyon:spin/postgres.*} and {@code outbound-mysql.*} /
 * {@code fermyon:spin/mysql.*} (SPEC 3.6): the two interfaces share their types and layouts, so
 * one class serves both, told apart by {@link RdbmsDialect}.
 */
public final class RdbmsHost implements HostInterface {
    private static final int COLUMN_SIZE = 12;

    private final RdbmsService service;
    private final RdbmsDialect dialect;

    public RdbmsHost(RdbmsService service) {
        this.service = service;
        this.dialect = service.dialect();
    }

    @Override
    public String legacyModule() {
        return dialect.legacyModule;
    }

    @Override
    public String canonicalModule() {
        return dialect.canonicalModule;
    }

    @Override
    public List<HostImport> imports() {
        return List.of(HostImport.i32s("query", 7, this::query), HostImport.i32s("execute", 7, this::execute));
    }

    /** A statement as the guest passed it: (address, statement, parameters), lifted and validated. */
    private record Call(String address, String sql, List<DbValue> parameters) {
        static Call lift(CanonicalAbi abi, long[] a, String what) {
            return new Call(abi.liftString((int) a[0], (int) a[1], what + " address"),
                    abi.liftString((int) a[2], (int) a[3], what + " statement"),
                    liftParameters(abi, (int) a[4], (int) a[5], what));
        }
    }

    private long[] query(HostContext ctx, long[] a) {
        CanonicalAbi abi = ctx.abi();
        Call call = Call.lift(abi, a, dialect.scheme);
        int ret = (int) a[6];
        abi.memory().checkRange(ret, 20, dialect.scheme + " query return area");
        RowSet rows;
        try {
            rows = service.statements().query(connections(ctx), service.target(ctx.componentId(), call.address()), call.sql(),
                    call.parameters());
        } catch (RdbmsException e) {
            ErrorResults.writeStringCase(ctx, ret, 4, e.errorCase(), e.getMessage());
            return null;
        }
        int columns = abi.allocator().allocate(4, rows.columns().size() * COLUMN_SIZE);
        for (int c = 0; c < rows.columns().size(); c++) {
            Slice name = abi.lowerString(rows.columns().get(c).name());
            int at = columns + c * COLUMN_SIZE;
            abi.memory().writeI32(at, name.ptr());
            abi.memory().writeI32(at + 4, name.len());
            abi.memory().writeU8(at + 8, rows.columns().get(c).legacyDataType());
        }
        int rowArray = abi.allocator().allocate(4, rows.rows().size() * 8);
        for (int r = 0; r < rows.rows().size(); r++) {
            Slice values = lowerValues(abi, rows.rows().get(r));
            abi.memory().writeI32(rowArray + r * 8, values.ptr());
            abi.memory().writeI32(rowArray + r * 8 + 4, values.len());
        }
        GuestMemory memory = abi.memory();
        memory.writeU8(ret, 0);
        memory.writeI32(ret + 4, columns);
        memory.writeI32(ret + 8, rows.columns().size());
        memory.writeI32(ret + 12, rowArray);
        memory.writeI32(ret + 16, rows.rows().size());
        return null;
    }

    /** PostgreSQL: {@code result<u64, pg-error>} (align 8, payload at 8); MySQL: {@code result<unit, mysql-error>}. */
    private long[] execute(HostContext ctx, long[] a) {
        CanonicalAbi abi = ctx.abi();
        Call call = Call.lift(abi, a, dialect.scheme);
        int ret = (int) a[6];
        int payload = dialect.executeReturnsRowCount() ? 8 : 4;
        abi.memory().checkRange(ret, 16 + (payload - 4), dialect.scheme + " execute return area");
        try {
            long count = service.statements().execute(connections(ctx), service.target(ctx.componentId(), call.address()),
                    call.sql(), call.parameters());
            abi.memory().writeU8(ret, 0);
            if (dialect.executeReturnsRowCount()) {
                abi.memory().writeI64(ret + 8, count);
            }
        } catch (RdbmsException e) {
            ErrorResults.writeStringCase(ctx, ret, payload, e.errorCase(), e.getMessage());
        }
        return null;
    }

    private InstanceConnections connections(HostContext ctx) {
        return ctx.state(this, service::connectionsForInstance);
    }

    private static List<DbValue> liftParameters(CanonicalAbi abi, int ptr, int count, String what) {
        GuestMemory memory = abi.memory();
        if (Integer.toUnsignedLong(count) * DbValue.SIZE > Integer.MAX_VALUE) {
            throw new GuestAbiException(what + " parameters: too many elements: " + Integer.toUnsignedLong(count));
        }
        memory.checkRange(ptr, count * DbValue.SIZE, what + " parameters");
        List<DbValue> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = ptr + i * DbValue.SIZE;
            int tag = abi.tag(at, DbValue.DB_NULL + 1, "parameter-value");
            int p = at + 8;
            values.add(switch (tag) {
                case DbValue.BOOLEAN, DbValue.UINT8 -> DbValue.number(tag, memory.u8(p));
                case DbValue.INT8 -> DbValue.number(tag, (byte) memory.u8(p));
                case DbValue.INT16 -> DbValue.number(tag, (short) memory.u16(p));
                case DbValue.UINT16 -> DbValue.number(tag, memory.u16(p));
                case DbValue.INT32 -> DbValue.number(tag, memory.i32(p));
                case DbValue.UINT32 -> DbValue.number(tag, Integer.toUnsignedLong(memory.i32(p)));
                case DbValue.INT64, DbValue.UINT64 -> DbValue.number(tag, memory.i64(p));
                case DbValue.FLOATING32 -> DbValue.real(tag, Float.intBitsToFloat(memory.i32(p)));
                case DbValue.FLOATING64 -> DbValue.real(tag, memory.f64(p));
                case DbValue.STR -> DbValue.bytes(tag, abi.liftString(memory.i32(p), memory.i32(p + 4),
                        what + " parameter " + i).getBytes(StandardCharsets.UTF_8));
                case DbValue.BINARY -> DbValue.bytes(tag, abi.liftBytes(memory.i32(p), memory.i32(p + 4),
                        what + " parameter " + i));
                default -> DbValue.of(DbValue.DB_NULL);
            });
        }
        return values;
    }

    private static Slice lowerValues(CanonicalAbi abi, List<DbValue> values) {
        List<Slice> payloads = new ArrayList<>(values.size());
        for (DbValue value : values) {
            payloads.add(value.bytes() == null ? null : abi.lowerBytes(value.bytes()));
        }
        int array = abi.allocator().allocate(8, values.size() * DbValue.SIZE);
        GuestMemory memory = abi.memory();
        for (int i = 0; i < values.size(); i++) {
            DbValue value = values.get(i);
            int at = array + i * DbValue.SIZE;
            int p = at + 8;
            memory.writeU8(at, value.legacyTag());
            switch (value.legacyTag()) {
                case DbValue.BOOLEAN, DbValue.INT8, DbValue.UINT8 -> memory.writeU8(p, (int) value.number());
                case DbValue.INT16, DbValue.UINT16 -> memory.writeU16(p, (int) value.number());
                case DbValue.INT32, DbValue.UINT32 -> memory.writeI32(p, (int) value.number());
                case DbValue.INT64, DbValue.UINT64 -> memory.writeI64(p, value.number());
                case DbValue.FLOATING32 -> memory.writeI32(p, Float.floatToRawIntBits((float) value.real()));
                case DbValue.FLOATING64 -> memory.writeF64(p, value.real());
                case DbValue.STR, DbValue.BINARY -> {
                    memory.writeI32(p, payloads.get(i).ptr());
                    memory.writeI32(p + 4, payloads.get(i).len());
                }
                default -> { }
            }
        }
        return new Slice(array, values.size());
    }
}
