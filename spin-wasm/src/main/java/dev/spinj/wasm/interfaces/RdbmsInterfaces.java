package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.BYTES;
import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.enumOf;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.list;
import static dev.spinj.wasm.wit.Wit.option;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.record;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.self;
import static dev.spinj.wasm.wit.Wit.tuple;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.wasm.wit.Wit;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * {@code fermyon:spin/postgres@2.0.0}, {@code fermyon:spin/mysql@2.0.0} (with their {@code
 * rdbms-types}), {@code spin:postgres/postgres@3.0.0} and the synchronous functions of {@code
 * @4.2.0} (SPEC2 §4.2-§4.4; {@code @4.0.0}/{@code @4.1.0} guests bind to it by semver) over the
 * services the 1.x interfaces use. Each connection resource is a session of its own, wiped and
 * returned to the pool when the guest drops it or the instance ends, so nothing one request
 * changes in its session ({@code SET}, an open transaction) reaches the next.
 */
final class RdbmsInterfaces {
    /** Spin's connection table size for its outbound connections. */
    private static final int CONNECTIONS_PER_INSTANCE = 1024;
    /** Every kind's case name, by {@link DbValue} tag. */
    private static final List<String> KINDS = List.of("boolean", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "floating32", "floating64", "str", "binary", "db-null", "unsupported", "date", "time", "datetime",
            "timestamp", "uuid", "jsonb", "decimal");

    private static final ValType DATE = tuple(Primitive.S32, Primitive.U8, Primitive.U8);
    private static final ValType TIME = tuple(Primitive.U8, Primitive.U8, Primitive.U8, Primitive.U32);
    private static final ValType DATETIME = tuple(Primitive.S32, Primitive.U8, Primitive.U8, Primitive.U8, Primitive.U8,
            Primitive.U8, Primitive.U32);
    private static final List<Case> SIGNED = List.of(alt("boolean", Primitive.BOOL), alt("int8", Primitive.S8),
            alt("int16", Primitive.S16), alt("int32", Primitive.S32), alt("int64", Primitive.S64));
    private static final List<Case> UNSIGNED = List.of(alt("uint8", Primitive.U8), alt("uint16", Primitive.U16),
            alt("uint32", Primitive.U32), alt("uint64", Primitive.U64));
    private static final List<Case> FLOATS_TO_BINARY = List.of(alt("floating32", Primitive.F32), alt("floating64", Primitive.F64),
            alt("str", STRING), alt("binary", BYTES));
    private static final List<Case> TEMPORAL = List.of(alt("date", DATE), alt("time", TIME), alt("datetime", DATETIME),
            alt("timestamp", Primitive.S64));

    /**
     * One version's shapes: its value cases in WIT order (parameters are these without the
     * trailing {@code unsupported}), and whether it has 4.x's structured errors and data types.
     */
    private record Version(List<Case> values, boolean v4) {
        static Version v2() {
            return new Version(concat(SIGNED, UNSIGNED, FLOATS_TO_BINARY, List.of(alt("db-null"), alt("unsupported"))), false);
        }

        static Version pg3() {
            return new Version(concat(SIGNED, FLOATS_TO_BINARY, TEMPORAL, List.of(alt("db-null"), alt("unsupported"))), false);
        }

        static Version pg4() {
            ValType boundKind = enumOf("inclusive", "exclusive");
            List<Case> later = List.of(alt("uuid", STRING), alt("jsonb", BYTES), alt("decimal", STRING),
                    alt("range-int32", range(Primitive.S32, boundKind)), alt("range-int64", range(Primitive.S64, boundKind)),
                    alt("range-decimal", range(STRING, boundKind)), alt("array-int32", list(option(Primitive.S32))),
                    alt("array-int64", list(option(Primitive.S64))), alt("array-decimal", list(option(STRING))),
                    alt("array-str", list(option(STRING))), alt("interval", record(param("micros", Primitive.S64),
                            param("days", Primitive.S32), param("months", Primitive.S32))));
            return new Version(concat(SIGNED, FLOATS_TO_BINARY, TEMPORAL, later, List.of(alt("db-null"), alt("unsupported", BYTES))),
                    true);
        }

        private static ValType range(ValType bound, ValType boundKind) {
            ValType end = option(tuple(bound, boundKind));
            return tuple(end, end);
        }

        @SafeVarargs
        private static List<Case> concat(List<Case>... parts) {
            return Stream.of(parts).flatMap(List::stream).toList();
        }

        boolean has(String kind) {
            return values.stream().anyMatch(c -> c.name().equals(kind));
        }

        ValType error() {
            ValType queryFailed = v4 ? variant(alt("text", STRING), alt("db-error", record(param("as-text", STRING),
                    param("severity", STRING), param("code", STRING), param("message", STRING),
                    param("detail", option(STRING)), param("extras", list(tuple(STRING, STRING)))))) : STRING;
            return variant(alt("connection-failed", STRING), alt("bad-parameter", STRING), alt("query-failed", queryFailed),
                    alt("value-conversion-failed", STRING), alt("other", STRING));
        }

        /** An enum of the kinds with a payload, then {@code other}; in 4.x a variant whose {@code other} names the type. */
        ValType dataType() {
            List<String> names = new ArrayList<>(values.stream().filter(c -> c.type() != null && !c.name().equals("unsupported"))
                    .map(Case::name).toList());
            if (!v4) {
                names.add("other");
                return enumOf(names.toArray(String[]::new));
            }
            List<Case> cases = new ArrayList<>(names.stream().map(Wit::alt).toList());
            cases.add(alt("other", STRING));
            return variant(cases.toArray(Case[]::new));
        }

        ValType parameterValue() {
            return variant(values.subList(0, values.size() - 1).toArray(Case[]::new));
        }

        ValType rowSet() {
            return record(param("columns", list(record(param("name", STRING), param("data-type", dataType())))),
                    param("rows", list(list(variant(values.toArray(Case[]::new))))));
        }
    }

    private final RdbmsService postgres;
    private final RdbmsService mysql;

    RdbmsInterfaces(RdbmsService postgres, RdbmsService mysql) {
        this.postgres = postgres;
        this.mysql = mysql;
    }

    void addTo(Linker linker) {
        // Only types, which the guest's own type definitions supply; the instance must still exist.
        linker.instance("fermyon:spin/rdbms-types@2.0.0", HostInstance.builder().build());
        linker.instance("fermyon:spin/postgres@2.0.0", connectionInterface(postgres, Version.v2(), Primitive.U64).build());
        linker.instance("fermyon:spin/mysql@2.0.0", connectionInterface(mysql, Version.v2(), null).build());
        linker.instance("spin:postgres/postgres@3.0.0", connectionInterface(postgres, Version.pg3(), Primitive.U64).build());
        linker.instance("spin:postgres/postgres@4.2.0", postgres4());
    }

    /** 4.x adds a builder for connections with a custom CA root, which this runtime cannot take (no TLS settings per guest). */
    private HostInstance postgres4() {
        Version version = Version.pg4();
        HostResource<RdbmsService.Session> sessions = sessions();
        HostResource<String> builders = new HostResource<>("connection-builder", CONNECTIONS_PER_INSTANCE, address -> { });
        ValType error = version.error();
        return builders.declareIn(connectionInterface(postgres, version, Primitive.U64, sessions))
                .function("[constructor]connection-builder", ComponentFunction.of(func(own(builders.type()),
                        param("address", STRING)), a -> builders.add((String) a[0]).orElseThrow(
                                () -> new IllegalStateException("more than " + CONNECTIONS_PER_INSTANCE + " connection builders"))))
                .function("[method]connection-builder.set-ca-root", ComponentFunction.of(func(result(null, error),
                        self(builders.type()), param("certificate", STRING)), a -> {
                            builders.get(a[0]);
                            return ResultValue.err(new VariantValue("other", "custom CA roots are not supported by this runtime"));
                        }))
                .function("[method]connection-builder.build", ComponentFunction.of(func(result(own(sessions.type()), error),
                        self(builders.type())), a -> open(postgres, sessions, builders.get(a[0]), version)))
                .build();
    }

    private static HostResource<RdbmsService.Session> sessions() {
        return new HostResource<>("connection", CONNECTIONS_PER_INSTANCE, RdbmsService.Session::close);
    }

    private HostInstance.Builder connectionInterface(RdbmsService service, Version version, ValType executeResult) {
        return connectionInterface(service, version, executeResult, sessions());
    }

    /**
     * The {@code connection} resource with open, query and execute for one database and one
     * version; {@code executeResult} is the row count type, null for MySQL's unit.
     */
    private HostInstance.Builder connectionInterface(RdbmsService service, Version version, ValType executeResult,
            HostResource<RdbmsService.Session> sessions) {
        ValType error = version.error();
        var connection = sessions.type();
        var params = param("params", list(version.parameterValue()));
        var statement = param("statement", STRING);
        return sessions.declareIn(HostInstance.builder())
                .function("[static]connection.open", ComponentFunction.of(func(result(own(connection), error),
                        param("address", STRING)), a -> open(service, sessions, (String) a[0], version)))
                .function("[method]connection.query", ComponentFunction.of(func(result(version.rowSet(), error), self(connection),
                        statement, params), a -> run(version, () -> lowerRows(sessions.get(a[0]).query((String) a[1],
                                parameters((List<?>) a[2])), version))))
                .function("[method]connection.execute", ComponentFunction.of(func(result(executeResult, error), self(connection),
                        statement, params), a -> run(version, () -> {
                            long count = sessions.get(a[0]).execute((String) a[1], parameters((List<?>) a[2]));
                            return executeResult == null ? null : count;
                        })));
    }

    private static ResultValue open(RdbmsService service, HostResource<RdbmsService.Session> sessions, String address,
            Version version) {
        return run(version, () -> {
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

    /** Runs one call; its failure becomes the error case of the same name, {@code query-failed} structured in 4.x. */
    private static ResultValue run(Version version, DatabaseCall call) {
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
            if (!version.v4() || !label.equals("query-failed")) {
                return ResultValue.err(new VariantValue(label, e.getMessage()));
            }
            return ResultValue.err(new VariantValue(label, e.serverError()
                    .map(s -> new VariantValue("db-error", RecordValue.of(e.getMessage(), s.severity(), s.code(), s.message(),
                            s.detail(), s.extras())))
                    .orElse(new VariantValue("text", e.getMessage()))));
        }
    }

    /** The guest's parameters as {@link DbValue}s; kinds the database code does not bind are a {@code bad-parameter}. */
    private static List<DbValue> parameters(List<?> values) throws RdbmsException {
        List<DbValue> out = new ArrayList<>(values.size());
        for (Object o : values) {
            VariantValue v = (VariantValue) o;
            int tag = KINDS.indexOf(v.label());
            if (tag < 0) {
                throw new RdbmsException(RdbmsException.BAD_PARAMETER, v.label() + " parameters are not supported", null);
            }
            out.add(parameter(tag, v.value()));
        }
        return out;
    }

    private static DbValue parameter(int tag, Object p) {
        if (p == null) {
            return DbValue.of(tag);
        } else if (p instanceof Boolean b) {
            return DbValue.number(tag, b ? 1 : 0);
        } else if (tag == DbValue.DATE || tag == DbValue.TIME || tag == DbValue.DATETIME) {
            return text(tag, temporal(tag, (List<?>) p).toString());
        } else if (p instanceof Integer || p instanceof Long) {
            return DbValue.number(tag, ((Number) p).longValue());
        } else if (p instanceof Float || p instanceof Double) {
            return DbValue.real(tag, ((Number) p).doubleValue());
        } else if (p instanceof String s) {
            return text(tag, s);
        }
        return DbValue.bytes(tag, (byte[]) p);
    }

    private static DbValue text(int tag, String text) {
        return DbValue.bytes(tag, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A date, time or datetime tuple (u8 fields as Integer, u32 nanoseconds as Long) as java.time. */
    private static Object temporal(int tag, List<?> t) {
        int[] f = t.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
        return switch (tag) {
            case DbValue.DATE -> LocalDate.of(f[0], f[1], f[2]);
            case DbValue.TIME -> LocalTime.of(f[0], f[1], f[2], f[3]);
            default -> LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        };
    }

    private static RecordValue lowerRows(RowSet rows, Version version) {
        List<RecordValue> columns = new ArrayList<>(rows.columns().size());
        for (DbColumn c : rows.columns()) {
            String kind = c.dataType() == DbColumn.OTHER ? "other" : KINDS.get(c.dataType());
            boolean known = !kind.equals("other") && version.has(kind);
            Object type = version.v4()
                    ? (known ? VariantValue.of(kind) : new VariantValue("other", c.typeName()))
                    : (known ? kind : "other");
            columns.add(RecordValue.of(c.name(), type));
        }
        List<List<VariantValue>> out = new ArrayList<>(rows.rows().size());
        for (List<DbValue> row : rows.rows()) {
            out.add(row.stream().map(v -> lowerValue(v, version)).toList());
        }
        return RecordValue.of(columns, out);
    }

    /** A cell in the version's {@code db-value}; a kind the version lacks is {@code unsupported} (4.x: with no bytes). */
    private static VariantValue lowerValue(DbValue v, Version version) {
        String kind = KINDS.get(v.tag());
        if (!version.has(kind) || kind.equals("unsupported")) {
            return new VariantValue("unsupported", version.v4() ? new byte[0] : null);
        }
        long n = v.number();
        return new VariantValue(kind, switch (v.tag()) {
            case DbValue.BOOLEAN -> n != 0;
            case DbValue.INT8, DbValue.INT16, DbValue.INT32, DbValue.UINT8, DbValue.UINT16 -> (int) n;
            case DbValue.INT64, DbValue.UINT32, DbValue.UINT64, DbValue.TIMESTAMP -> n;
            case DbValue.FLOATING32 -> (float) v.real();
            case DbValue.FLOATING64 -> v.real();
            case DbValue.BINARY, DbValue.JSONB -> v.bytes();
            case DbValue.STR, DbValue.UUID, DbValue.DECIMAL -> new String(v.bytes(), StandardCharsets.UTF_8);
            case DbValue.DATE -> {
                LocalDate d = LocalDate.parse(new String(v.bytes(), StandardCharsets.UTF_8));
                yield List.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            }
            case DbValue.TIME -> {
                LocalTime t = LocalTime.parse(new String(v.bytes(), StandardCharsets.UTF_8));
                yield List.of(t.getHour(), t.getMinute(), t.getSecond(), (long) t.getNano());
            }
            case DbValue.DATETIME -> {
                LocalDateTime t = LocalDateTime.parse(new String(v.bytes(), StandardCharsets.UTF_8));
                yield List.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                        (long) t.getNano());
            }
            default -> null;
        });
    }
}
