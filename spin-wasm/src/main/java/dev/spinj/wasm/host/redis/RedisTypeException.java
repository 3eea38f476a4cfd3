package dev.spinj.wasm.host.redis;

/** A reply could not be converted to the type the interface promises ({@code type-error} since 2.x). */
public final class RedisTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedisTypeException(String message) {
        super(message);
    }
}
