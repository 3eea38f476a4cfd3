package dev.spinj.wasm.host.rdbms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one parameterised statement over JDBC for an address, mapping Spin's value types to JDBC
 * both ways (SPEC 3.6). Failures come back as the interface's error cases: connecting is
 * {@code connection-failed}, the statement {@code query-failed}, a parameter the database cannot
 * take {@code bad-parameter}, a cell that cannot be read {@code value-conversion-failed}. A
 * statement still running at the request's deadline is cancelled and its connection dropped.
 */
final class JdbcStatements implements AutoCloseable {
    private final RdbmsDialect dialect;
    private final ConnectionPools pools;
    private final DeadlineCancels cancels = new DeadlineCancels();

    JdbcStatements(RdbmsDialect dialect) {
        this.dialect = dialect;
        this.pools = new ConnectionPools(dialect);
    }

    /** The connections of one instance, drawn from this dialect's pools. */
    InstanceConnections connectionsForInstance() {
        return new InstanceConnections(pools);
    }

    RowSet query(InstanceConnections connections, DatabaseAddress address, String sql, List<DbValue> parameters)
            throws RdbmsException {
        return run(connections, address, sql, parameters, true).rows;
    }

    long execute(InstanceConnections connections, DatabaseAddress address, String sql, List<DbValue> parameters)
            throws RdbmsException {
        return run(connections, address, sql, parameters, false).count;
    }

    private record Outcome(RowSet rows, long count) {}

    private Outcome run(InstanceConnections connections, DatabaseAddress address, String sql, List<DbValue> parameters,
            boolean query) throws RdbmsException {
        String jdbcSql = sql;
        List<DbValue> bound = parameters;
        if (dialect == RdbmsDialect.POSTGRES) {
            PostgresPlaceholders placeholders = PostgresPlaceholders.rewrite(sql);
            jdbcSql = placeholders.sql();
            bound = new ArrayList<>();
            for (int index : placeholders.parameterOrder()) {
                if (index < 0 || index >= parameters.size()) {
                    throw new RdbmsException(RdbmsException.BAD_PARAMETER, "statement refers to $" + (index + 1)
                            + " but " + parameters.size() + " parameters were given", null);
                }
                bound.add(parameters.get(index));
            }
        }
        Connection connection = connections.connection(address);
        DeadlineCancels.Watch watch = null;
        boolean broken = false;
        try (PreparedStatement statement = connection.prepareStatement(jdbcSql)) {
            for (int i = 0; i < bound.size(); i++) {
                bind(statement, i + 1, bound.get(i));
            }
            watch = cancels.arm(statement);
            boolean hasRows = statement.execute();
            if (!query) {
                return new Outcome(null, Math.max(0, statement.getUpdateCount()));
            }
            if (!hasRows) {
                return new Outcome(new RowSet(List.of(), List.of()), 0);
            }
            try (ResultSet rows = statement.getResultSet()) {
                return new Outcome(read(rows), 0);
            }
        } catch (SQLException e) {
            broken = e.getSQLState() != null && e.getSQLState().startsWith("08");
            throw new RdbmsException(RdbmsException.QUERY_FAILED, e.getMessage(), e);
        } finally {
            if ((watch != null && watch.finish()) || broken) {
                connections.discard(address);
            }
        }
    }

    private void bind(PreparedStatement statement, int index, DbValue value) throws SQLException, RdbmsException {
        int tag = value.tag();
        if (!dialect.acceptsUnsigned() && tag >= DbValue.UINT8 && tag <= DbValue.UINT64) {
            throw new RdbmsException(RdbmsException.BAD_PARAMETER, "Postgres does not support unsigned integers", null);
        }
        long n = value.number();
        switch (tag) {
            case DbValue.BOOLEAN -> statement.setBoolean(index, n != 0);
            case DbValue.INT8 -> statement.setByte(index, (byte) n);
            case DbValue.INT16 -> statement.setShort(index, (short) n);
            case DbValue.INT32 -> statement.setInt(index, (int) n);
            case DbValue.INT64, DbValue.UINT32 -> statement.setLong(index, n);
            case DbValue.UINT8, DbValue.UINT16 -> statement.setInt(index, (int) n);
            case DbValue.UINT64 -> statement.setBigDecimal(index, new BigDecimal(new BigInteger(Long.toUnsignedString(n))));
            case DbValue.FLOATING32 -> statement.setFloat(index, (float) value.real());
            case DbValue.FLOATING64 -> statement.setDouble(index, value.real());
            case DbValue.STR -> statement.setString(index, new String(value.bytes(), StandardCharsets.UTF_8));
            case DbValue.BINARY -> statement.setBytes(index, value.bytes());
            case DbValue.DATE -> statement.setObject(index, LocalDate.parse(text(value)));
            case DbValue.TIME -> statement.setObject(index, LocalTime.parse(text(value)));
            case DbValue.DATETIME -> statement.setObject(index, LocalDateTime.parse(text(value)));
            case DbValue.TIMESTAMP -> statement.setObject(index, OffsetDateTime.ofInstant(Instant.ofEpochSecond(n), ZoneOffset.UTC));
            case DbValue.UUID -> statement.setObject(index, java.util.UUID.fromString(text(value)));
            // untyped, so that the server reads the text as the jsonb its column or cast asks for
            case DbValue.JSONB -> statement.setObject(index, text(value), Types.OTHER);
            case DbValue.DECIMAL -> statement.setBigDecimal(index, new BigDecimal(text(value)));
            default -> statement.setNull(index, Types.NULL);
        }
    }

    private static String text(DbValue value) {
        return new String(value.bytes(), StandardCharsets.UTF_8);
    }

    private RowSet read(ResultSet rows) throws SQLException, RdbmsException {
        ResultSetMetaData meta = rows.getMetaData();
        List<DbColumn> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(new DbColumn(meta.getColumnLabel(c), dataType(meta, c), meta.getColumnTypeName(c)));
        }
        List<List<DbValue>> out = new ArrayList<>();
        while (rows.next()) {
            List<DbValue> row = new ArrayList<>(columns.size());
            for (int c = 1; c <= columns.size(); c++) {
                row.add(value(rows, c, columns.get(c - 1)));
            }
            out.add(row);
        }
        return new RowSet(columns, out);
    }

    /**
     * The {@code db-data-type} of a JDBC column; unsigned variants where the database says so
     * (MySQL); PostgreSQL's dates, times, uuid, jsonb and numeric as the later interfaces have them.
     */
    private int dataType(ResultSetMetaData meta, int c) throws SQLException {
        if (dialect == RdbmsDialect.POSTGRES) {
            int later = switch (meta.getColumnType(c)) {
                case Types.DATE -> DbValue.DATE;
                case Types.TIME -> DbValue.TIME;
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> DbValue.DATETIME;
                case Types.NUMERIC, Types.DECIMAL -> DbValue.DECIMAL;
                default -> switch (meta.getColumnTypeName(c)) {
                    case "uuid" -> DbValue.UUID;
                    case "jsonb" -> DbValue.JSONB;
                    default -> -1;
                };
            };
            if (later >= 0) {
                return later;
            }
        }
        boolean signed = meta.isSigned(c);
        return switch (meta.getColumnType(c)) {
            case Types.BIT, Types.BOOLEAN -> DbValue.BOOLEAN;
            case Types.TINYINT -> signed ? DbValue.INT8 : DbValue.UINT8;
            case Types.SMALLINT -> signed ? DbValue.INT16 : DbValue.UINT16;
            case Types.INTEGER -> signed ? DbValue.INT32 : DbValue.UINT32;
            case Types.BIGINT -> signed ? DbValue.INT64 : DbValue.UINT64;
            case Types.REAL -> DbValue.FLOATING32;
            case Types.FLOAT, Types.DOUBLE -> DbValue.FLOATING64;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB -> DbValue.STR;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> DbValue.BINARY;
            default -> DbColumn.OTHER;
        };
    }

    private static DbValue value(ResultSet rows, int c, DbColumn column) throws RdbmsException {
        try {
            if (rows.getObject(c) == null) {
                return DbValue.of(DbValue.DB_NULL);
            }
            int type = column.dataType();
            return switch (type) {
                case DbValue.BOOLEAN -> DbValue.number(type, rows.getBoolean(c) ? 1 : 0);
                case DbValue.INT8 -> DbValue.number(type, rows.getByte(c));
                case DbValue.INT16 -> DbValue.number(type, rows.getShort(c));
                case DbValue.INT32 -> DbValue.number(type, rows.getInt(c));
                case DbValue.INT64 -> DbValue.number(type, rows.getLong(c));
                case DbValue.UINT8, DbValue.UINT16 -> DbValue.number(type, rows.getInt(c));
                case DbValue.UINT32 -> DbValue.number(type, rows.getLong(c));
                case DbValue.UINT64 -> DbValue.number(type, rows.getBigDecimal(c).toBigInteger().longValue());
                case DbValue.FLOATING32 -> DbValue.real(type, rows.getFloat(c));
                case DbValue.FLOATING64 -> DbValue.real(type, rows.getDouble(c));
                case DbValue.STR -> DbValue.bytes(type, rows.getString(c).getBytes(StandardCharsets.UTF_8));
                case DbValue.BINARY -> DbValue.bytes(type, rows.getBytes(c));
                case DbValue.DATE -> text(type, rows.getObject(c, LocalDate.class));
                case DbValue.TIME -> text(type, rows.getObject(c, LocalTime.class));
                // Spin reads timestamptz as its UTC date and time
                case DbValue.DATETIME -> text(type, column.typeName().equals("timestamptz")
                        ? rows.getObject(c, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                        : rows.getObject(c, LocalDateTime.class));
                case DbValue.DECIMAL -> text(type, rows.getBigDecimal(c).toPlainString());
                case DbValue.UUID, DbValue.JSONB -> text(type, rows.getString(c));
                default -> DbValue.of(DbValue.UNSUPPORTED);
            };
        } catch (SQLException | ArithmeticException e) {
            throw new RdbmsException(RdbmsException.VALUE_CONVERSION_FAILED,
                    "cannot read column '" + column.name() + "': " + e.getMessage(), e);
        }
    }

    private static DbValue text(int tag, Object value) {
        return DbValue.bytes(tag, value.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        cancels.close();
        pools.close();
    }
}
