package dev.spinj.wasm.host.rdbms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The connections one instance holds, one per address, as Spin caches them: statements of one
 * request share a session (a {@code BEGIN} in one call covers the next), and the session goes
 * back to the pool, wiped, only when the instance is dropped.
 */
final class InstanceConnections implements AutoCloseable {
    private record Held(DatabaseAddress address, Connection connection) {}

    private final ConnectionPools pools;
    private final Map<String, Held> held = new HashMap<>();

    InstanceConnections(ConnectionPools pools) {
        this.pools = pools;
    }

    Connection connection(DatabaseAddress address) throws RdbmsException {
        Held existing = held.get(address.jdbcUrl());
        if (existing != null) {
            return existing.connection();
        }
        try {
            Connection connection = pools.borrow(address);
            held.put(address.jdbcUrl(), new Held(address, connection));
            return connection;
        } catch (SQLException e) {
            throw new RdbmsException(RdbmsException.CONNECTION_FAILED, e.getMessage(), e);
        }
    }

    /** Closes the address's connection (it failed, or a cancel may still be on its way to it). */
    void discard(DatabaseAddress address) {
        Held gone = held.remove(address.jdbcUrl());
        if (gone != null) {
            ConnectionPools.closeQuietly(gone.connection());
        }
    }

    @Override
    public void close() {
        held.values().forEach(h -> pools.release(h.address(), h.connection()));
        held.clear();
    }
}
