package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.interfaces.Wit.BYTES;
import static dev.spinj.wasm.interfaces.Wit.STRING;
import static dev.spinj.wasm.interfaces.Wit.alt;
import static dev.spinj.wasm.interfaces.Wit.enumOf;
import static dev.spinj.wasm.interfaces.Wit.func;
import static dev.spinj.wasm.interfaces.Wit.list;
import static dev.spinj.wasm.interfaces.Wit.own;
import static dev.spinj.wasm.interfaces.Wit.param;
import static dev.spinj.wasm.interfaces.Wit.record;
import static dev.spinj.wasm.interfaces.Wit.result;
import static dev.spinj.wasm.interfaces.Wit.self;
import static dev.spinj.wasm.interfaces.Wit.tuple;
import static dev.spinj.wasm.interfaces.Wit.variant;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.rdbms.DbColumn;
import dev.spinj.wasm.host.rdbms.DbValue;
import dev.spinj.wasm.host.rdbms.RdbmsException;
import dev.spinj.wasm.host.rdbms.RdbmsService;
import dev.spinj.wasm.host.rdbms.RowSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code fermyon:spin/postgres@2.0.0}, {@code fermyon:spin/mysql@2.0.0} (with their {@code
 * rdbms-types}) and {@code spin:postgres/postgres@3.0.0} (SPEC2 §4.2, §4.3) over the services the
 * 1.x interfaces use. Each connection resource is a session of its own, wiped and returned to
 * the pool when the guest drops it or the instance ends, so nothing one request changes in its
 * session ({@code SET}, an open transaction) reaches the next.
 */
final class RdbmsInterfaces {
    /** Spin's connection table size for its outbound connections. */
    private static final int CONNECTIONS_PER_INSTANCE = 1024;
    /** {@code db-value} cases of {@code rdbms-types@2.0.0}, in {@link DbValue} tag order. */
    private static final List<Case> V2_VALUES = List.of(alt("boolean", Primitive.BOOL), alt("int8", Primitive.S8),
            alt("int16", Primitive.S16), alt("int32", Primitive.S32), alt("int64", Primitive.S64), alt("uint8", Primitive.U8),
            alt("uint16", Primitive.U16), alt("uint32", Primitive.U32), alt("uint64", Primitive.U64),
            alt("floating32", Primitive.F32), alt("floating64", Primitive.F64), alt("str", STRING), alt("binary", BYTES),
            alt("db-null"), alt("unsupported"));
    /** {@code db-value} cases of {@code spin:postgres@3.0.0}: no unsigned integers, dates and times added. */
    private static final List<Case> PG3_VALUES = List.of(alt("boolean", Primitive.BOOL), alt("int8", Primitive.S8),
            alt("int16", Primitive.S16), alt("int32", Primitive.S32), alt("int64", Primitive.S64),
            alt("floating32", Primitive.F32), alt("floating64", Primitive.F64), alt("str", STRING), alt("binary", BYTES),
            alt("date", tuple(Primitive.S32, Primitive.U8, Primitive.U8)),
            alt("time", tuple(Primitive.U8, Primitive.U8, Primitive.U8, Primitive.U32)),
            alt("datetime", tuple(Primitive.S32, Primitive.U8, Primitive.U8, Primitive.U8, Primitive.U8, Primitive.U8, Primitive.U32)),
            alt("timestamp", Primitive.S64), alt("db-null"), alt("unsupported"));

    private final RdbmsService postgres;
    private final RdbmsService mysql;

    RdbmsInterfaces(RdbmsService postgres, RdbmsService mysql) {
        this.postgres = postgres;
        this.mysql = mysql;
    }

    void addTo(Linker linker) {
        // Only types, which the guest's own type definitions supply; the instance must still exist.
        linker.instance("fermyon:spin/rdbms-types@2.0.0", HostInstance.builder().build());
        linker.instance("fermyon:spin/postgres@2.0.0", connectionInterface(postgres, V2_VALUES, Primitive.U64));
        linker.instance("fermyon:spin/mysql@2.0.0", connectionInterface(mysql, V2_VALUES, null));
        linker.instance("spin:postgres/postgres@3.0.0", connectionInterface(postgres, PG3_VALUES, Primitive.U64));
    }

    /**
     * The {@code connection} resource with open, query and execute for one database and one
     * version's value cases; {@code executeResult} is the row count type, null for MySQL's unit.
     */
    private HostInstance connectionInterface(RdbmsService service, List<Case> valueCases, ValType executeResult) {
        HostResource<RdbmsService.Session> sessions =
                new HostResource<>("connection", CONNECTIONS_PER_INSTANCE, RdbmsService.Session::close);
        ValType error = variant(alt("connection-failed", STRING), alt("bad-parameter", STRING), alt("query-failed", STRING),
                alt("value-conversion-failed", STRING), alt("other", STRING));
        List<String> dataTypes = new ArrayList<>();
        valueCases.stream().filter(c -> c.type() != null).forEach(c -> dataTypes.add(c.name()));
        dataTypes.add("other");
        ValType parameterValue = variant(valueCases.subList(0, valueCases.size() - 1).toArray(Case[]::new));
        ValType rowSet = record(param("columns", list(record(param("name", STRING), param("data-type",
                enumOf(dataTypes.toArray(String[]::new)))))), param("rows", list(list(variant(valueCases.toArray(Case[]::new))))));
        var connection = sessions.type();
        var params = param("params", list(parameterValue));
        var statement = param("statement", STRING);
        return sessions.declareIn(HostInstance.builder())
                .function("[static]connection.open", ComponentFunction.of(func(result(own(connection), error),
                        param("address", STRING)), a -> open(service, sessions, (String) a[0])))
                .function("[method]connection.query", ComponentFunction.of(func(result(rowSet, error), self(connection),
                        statement, params), a -> run(() -> lowerRows(sessions.get(a[0]).query((String) a[1],
                                parameters((List<?>) a[2], valueCases)), valueCases, dataTypes))))
                .function("[method]connection.execute", ComponentFunction.of(func(result(executeResult, error), self(connection),
                        statement, params), a -> run(() -> {
                            long count = sessions.get(a[0]).execute((String) a[1], parameters((List<?>) a[2], valueCases));
                            return executeResult == null ? null : count;
                        })))
                .build();
    }

    private static ResultValue open(RdbmsService service, HostResource<RdbmsService.Session> sessions, String address) {
        return run(() -> {
            RdbmsService.Session session = service.open(HostContext.current().componentId(), address);
            OptionalInt rep = sessions.add(session);
            if (rep.isEmpty()) {
                session.close();
                throw new RdbmsException(RdbmsException.CONNECTION_FAILED, "too many connections", null);
            }
            return rep.getAsInt();
        });
    }

    @FunctionalInterface
    private interface DatabaseCall {
        Object run() throws RdbmsException;
    }

    /** Runs one call; its failure becomes the error case of the same name in every version. */
    private static ResultValue run(DatabaseCall call) {
        try {
            return ResultValue.ok(call.run());
        } catch (RdbmsException e) {
            String label = switch (e.errorCase()) {
                case RdbmsException.CONNECTION_FAILED -> "connection-failed";
                case RdbmsException.BAD_PARAMETER -> "bad-parameter";
                case RdbmsException.QUERY_FAILED -> "query-failed";
                case RdbmsException.VALUE_CONVERSION_FAILED -> "value-conversion-failed";
                default -> "other";
            };
            return ResultValue.err(new VariantValue(label, e.getMessage()));
        }
    }

    /** The guest's parameters as {@link DbValue}s: case names are {@link #V2_VALUES}'s, so the tag is the v2 index. */
    private static List<DbValue> parameters(List<?> values, List<Case> valueCases) throws RdbmsException {
        List<DbValue> out = new ArrayList<>(values.size());
        for (Object o : values) {
            VariantValue v = (VariantValue) o;
            int tag = tagOf(v.label());
            if (tag < 0) {
                throw new RdbmsException(RdbmsException.BAD_PARAMETER, v.label() + " parameters are not supported", null);
            }
            out.add(parameter(tag, v));
        }
        return out;
    }

    private static DbValue parameter(int tag, VariantValue v) {
        Object p = v.value();
        if (p == null) {
            return DbValue.of(tag);
        } else if (p instanceof Boolean b) {
            return DbValue.number(tag, b ? 1 : 0);
        } else if (p instanceof Integer || p instanceof Long) {
            return DbValue.number(tag, ((Number) p).longValue());
        } else if (p instanceof Float || p instanceof Double) {
            return DbValue.real(tag, ((Number) p).doubleValue());
        } else if (p instanceof String s) {
            return DbValue.bytes(tag, s.getBytes(StandardCharsets.UTF_8));
        }
        return DbValue.bytes(tag, (byte[]) p);
    }

    private static int tagOf(String label) {
        for (int tag = 0; tag < V2_VALUES.size(); tag++) {
            if (V2_VALUES.get(tag).name().equals(label)) {
                return tag;
            }
        }
        return -1;
    }

    private static RecordValue lowerRows(RowSet rows, List<Case> valueCases, List<String> dataTypes) {
        List<RecordValue> columns = new ArrayList<>(rows.columns().size());
        for (DbColumn c : rows.columns()) {
            String type = c.dataType() == DbColumn.OTHER ? "other" : V2_VALUES.get(c.dataType()).name();
            columns.add(RecordValue.of(c.name(), dataTypes.contains(type) ? type : "other"));
        }
        List<List<VariantValue>> out = new ArrayList<>(rows.rows().size());
        for (List<DbValue> row : rows.rows()) {
            out.add(row.stream().map(v -> lowerValue(v, valueCases)).toList());
        }
        return RecordValue.of(columns, out);
    }

    /** A cell in the version's {@code db-value}; a kind the version lacks is {@code unsupported}. */
    private static VariantValue lowerValue(DbValue v, List<Case> valueCases) {
        String label = V2_VALUES.get(v.tag()).name();
        if (valueCases.stream().noneMatch(c -> c.name().equals(label))) {
            return VariantValue.of("unsupported");
        }
        long n = v.number();
        return new VariantValue(label, switch (v.tag()) {
            case DbValue.BOOLEAN -> n != 0;
            case DbValue.INT8, DbValue.INT16, DbValue.INT32, DbValue.UINT8, DbValue.UINT16 -> (int) n;
            case DbValue.INT64, DbValue.UINT32, DbValue.UINT64 -> n;
            case DbValue.FLOATING32 -> (float) v.real();
            case DbValue.FLOATING64 -> v.real();
            case DbValue.STR -> new String(v.bytes(), StandardCharsets.UTF_8);
            case DbValue.BINARY -> v.bytes();
            default -> null;
        });
    }
}
