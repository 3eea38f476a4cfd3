package dev.spinj.wasm.host.redis;

/** Redis answered a command with an error reply. */
public final class RedisReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedisReplyException(String message) {
        super(message);
    }
}
