package dev.spinj.wasm.host.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code execute} connections of one guest instance, one per address, borrowed on first use
 * and given back when the instance is dropped. Within the instance a {@code SELECT} or
 * {@code MULTI} holds for its later commands, as in Spin; it never outlives the instance.
 */
final class ExecuteSession implements AutoCloseable {
    private final RespConnectionPool pool;
    private final Map<String, RespConnection> borrowed = new HashMap<>();

    ExecuteSession(RespConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Runs a generic command on this instance's connection to {@code address}; a connection that
     * broke (or outlived the deadline) is closed, and the next call opens a new one.
     *
     * @throws RedisReplyException for an error reply
     * @throws UncheckedIOException when the server cannot be reached or the connection broke
     */
    List<RedisResult> execute(String address, byte[] command, List<byte[]> args) {
        RespConnection connection = borrowed.get(address);
        if (connection == null) {
            try {
                connection = pool.borrow(address);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
            }
            borrowed.put(address, connection);
        }
        try {
            return connection.execute(command, args);
        } catch (IOException e) {
            borrowed.remove(address);
            RespConnectionPool.closeQuietly(connection);
            pool.discardIdle(address);
            throw new UncheckedIOException("connection to " + address + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        borrowed.forEach(pool::giveBack);
        borrowed.clear();
    }
}
