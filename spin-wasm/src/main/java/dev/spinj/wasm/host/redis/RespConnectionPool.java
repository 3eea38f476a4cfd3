package dev.spinj.wasm.host.redis;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The idle {@code execute} connections of each address, each lent to one guest instance at a
 * time ({@link ExecuteSession}). A connection comes back only if no command changed its session
 * state or stopped halfway; otherwise it is closed, so one request's {@code SELECT}, open
 * {@code MULTI} or unread reply never reaches another. Connections are opened outside the lock.
 */
final class RespConnectionPool implements AutoCloseable {
    /** Enough for a few instances at once; beyond it a returned connection is closed. */
    private static final int MAX_IDLE_PER_ADDRESS = 8;

    private final Map<String, Deque<RespConnection>> idle = new HashMap<>();
    private boolean closed;

    /**
     * An idle connection to {@code address}, or a new one.
     *
     * @throws IllegalArgumentException when the address is not a Redis URL
     * @throws IOException when the server cannot be reached
     */
    RespConnection borrow(String address) throws IOException {
        synchronized (this) {
            Deque<RespConnection> connections = idle.get(address);
            if (connections != null && !connections.isEmpty()) {
                return connections.pop();
            }
        }
        return RespConnection.open(RedisURI.create(address));
    }

    /** Takes a connection back, or closes it when it is not {@link RespConnection#reusable()}, the pool is full or closed. */
    void giveBack(String address, RespConnection connection) {
        synchronized (this) {
            if (!closed && connection.reusable()) {
                Deque<RespConnection> connections = idle.computeIfAbsent(address, a -> new ArrayDeque<>());
                if (connections.size() < MAX_IDLE_PER_ADDRESS) {
                    connections.push(connection);
                    return;
                }
            }
        }
        closeQuietly(connection);
    }

    /** Closes the idle connections to an address that just failed one of its users: they likely broke together. */
    void discardIdle(String address) {
        Deque<RespConnection> stale;
        synchronized (this) {
            stale = idle.remove(address);
        }
        if (stale != null) {
            stale.forEach(RespConnectionPool::closeQuietly);
        }
    }

    static void closeQuietly(RespConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // already broken; nothing more to release
        }
    }

    @Override
    public void close() {
        List<RespConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(RespConnectionPool::closeQuietly);
    }
}
