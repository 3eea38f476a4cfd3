package dev.spinj.wasm.host.rdbms;

import dev.spinj.wasm.Deadlines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle JDBC connections kept per JDBC URL, shared by every instance of the app, so a request
 * does not pay a connect (Spin caches one connection per address per instance; reuse across
 * instances is this runtime's addition). A connection comes back wiped by
 * {@link RdbmsDialect#reset}; one that failed, or could not be wiped, is dropped.
 */
final class ConnectionPools implements AutoCloseable {
    private static final int MAX_IDLE_PER_ADDRESS = 4;
    private static final Duration NO_DEADLINE_CONNECT = Duration.ofSeconds(10);

    private final RdbmsDialect dialect;
    private final Map<String, Deque<Connection>> idle = new HashMap<>();

    ConnectionPools(RdbmsDialect dialect) {
        this.dialect = dialect;
    }

    /** An idle connection, or a new one whose connect ends with the request's deadline. */
    Connection borrow(DatabaseAddress address) throws SQLException {
        synchronized (this) {
            Deque<Connection> connections = idle.get(address.jdbcUrl());
            while (connections != null && !connections.isEmpty()) {
                Connection connection = connections.pop();
                if (!connection.isClosed()) {
                    return connection;
                }
            }
        }
        return DriverManager.getConnection(address.jdbcUrl(),
                dialect.connectOptions(Deadlines.remaining().orElse(NO_DEADLINE_CONNECT)));
    }

    /** Wipes the connection and keeps it for the next borrower, or closes it when it cannot be wiped. */
    void release(DatabaseAddress address, Connection connection) {
        if (wiped(address, connection)) {
            synchronized (this) {
                Deque<Connection> connections = idle.computeIfAbsent(address.jdbcUrl(), url -> new ArrayDeque<>());
                if (connections.size() < MAX_IDLE_PER_ADDRESS) {
                    connections.push(connection);
                    return;
                }
            }
        }
        closeQuietly(connection);
    }

    private boolean wiped(DatabaseAddress address, Connection connection) {
        try {
            dialect.reset(connection, address);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        idle.values().forEach(connections -> connections.forEach(ConnectionPools::closeQuietly));
        idle.clear();
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Already broken; dropping it is all that is left to do.
        }
    }
}
