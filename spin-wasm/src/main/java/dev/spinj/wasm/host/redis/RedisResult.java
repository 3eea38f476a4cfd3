package dev.spinj.wasm.host.redis;

/**
 * One element of {@code execute}'s flattened reply, WIT {@code variant redis-result} (SPEC 3.3);
 * {@code nil} never reaches a guest because flattening drops it.
 */
public sealed interface RedisResult {
    /** The variant's discriminant: 0 nil, 1 status, 2 int64, 3 binary. */
    int tag();

    record Status(String text) implements RedisResult {
        @Override
        public int tag() {
            return 1;
        }
    }

    record Int64(long value) implements RedisResult {
        @Override
        public int tag() {
            return 2;
        }
    }

    record Binary(byte[] bytes) implements RedisResult {
        @Override
        public int tag() {
            return 3;
        }
    }
}
