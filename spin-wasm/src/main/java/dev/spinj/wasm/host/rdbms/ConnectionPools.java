package dev.spinj.wasm.host.rdbms;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle JDBC connections kept per JDBC URL, shared by every instance of the app, so a request
 * does not pay a connect (Spin caches one connection per address per instance; reuse across
 * instances is this runtime's addition). A connection that failed is dropped, never returned.
 */
final class ConnectionPools implements AutoCloseable {
    private static final int MAX_IDLE_PER_ADDRESS = 4;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final Map<String, Deque<Connection>> idle = new HashMap<>();

    Connection borrow(String jdbcUrl) throws SQLException {
        synchronized (this) {
            Deque<Connection> connections = idle.get(jdbcUrl);
            while (connections != null && !connections.isEmpty()) {
                Connection connection = connections.pop();
                if (!connection.isClosed()) {
                    return connection;
                }
            }
        }
        DriverManager.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Keeps a healthy connection for the next borrower, or closes it. */
    void release(String jdbcUrl, Connection connection, boolean healthy) {
        if (healthy) {
            synchronized (this) {
                Deque<Connection> connections = idle.computeIfAbsent(jdbcUrl, url -> new ArrayDeque<>());
                if (connections.size() < MAX_IDLE_PER_ADDRESS) {
                    connections.push(connection);
                    return;
                }
            }
        }
        closeQuietly(connection);
    }

    @Override
    public synchronized void close() {
        idle.values().forEach(connections -> connections.forEach(ConnectionPools::closeQuietly));
        idle.clear();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Already broken; dropping it is all that is left to do.
        }
    }
}
