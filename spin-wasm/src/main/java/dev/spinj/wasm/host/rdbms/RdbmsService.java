package dev.spinj.wasm.host.rdbms;

import dev.spinj.wasm.host.http.AppAllowLists;
import java.util.List;

/**
 * PostgreSQL or MySQL for guests, whichever interface version they call: the allow-list, the
 * address rules and the JDBC statements of one {@link RdbmsDialect}, with its connection pools.
 */
public final class RdbmsService implements AutoCloseable {
    private final RdbmsDialect dialect;
    private final DatabaseAllowList allowList;
    private final JdbcStatements statements;

    private RdbmsService(RdbmsDialect dialect, AppAllowLists allowLists) {
        this.dialect = dialect;
        this.allowList = new DatabaseAllowList(allowLists);
        this.statements = new JdbcStatements(dialect);
    }

    public static RdbmsService postgres(AppAllowLists allowLists) {
        return new RdbmsService(RdbmsDialect.POSTGRES, allowLists);
    }

    public static RdbmsService mysql(AppAllowLists allowLists) {
        return new RdbmsService(RdbmsDialect.MYSQL, allowLists);
    }

    RdbmsDialect dialect() {
        return dialect;
    }

    /** The parsed address, once the component's allow-list admits it; Spin's words when it does not. */
    DatabaseAddress target(String componentId, String address) throws RdbmsException {
        DatabaseAddress parsed = dialect.parse(address);
        if (!allowList.allows(componentId, parsed.endpoint())) {
            throw new RdbmsException(RdbmsException.CONNECTION_FAILED, "address " + parsed.endpoint() + " is not permitted", null);
        }
        return parsed;
    }

    /** An empty set of connections for one instance (1.x: one per address, for the instance's life). */
    InstanceConnections connectionsForInstance() {
        return statements.connectionsForInstance();
    }

    JdbcStatements statements() {
        return statements;
    }

    /**
     * A connection resource of the 2.x+ interfaces: checked and connected now, as Spin's
     * {@code open} does, so an unreachable server fails {@code open}.
     */
    public Session open(String componentId, String address) throws RdbmsException {
        DatabaseAddress target = target(componentId, address);
        InstanceConnections connections = statements.connectionsForInstance();
        connections.connection(target);
        return new Session(target, connections);
    }

    /** One guest connection: a session of its own, wiped and pooled when closed. */
    public final class Session implements AutoCloseable {
        private final DatabaseAddress address;
        private final InstanceConnections connections;

        private Session(DatabaseAddress address, InstanceConnections connections) {
            this.address = address;
            this.connections = connections;
        }

        public RowSet query(String sql, List<DbValue> parameters) throws RdbmsException {
            return statements.query(connections, address, sql, parameters);
        }

        /** The affected row count (MySQL's interfaces drop it). */
        public long execute(String sql, List<DbValue> parameters) throws RdbmsException {
            return statements.execute(connections, address, sql, parameters);
        }

        @Override
        public void close() {
            connections.close();
        }
    }

    @Override
    public void close() {
        statements.close();
    }
}
