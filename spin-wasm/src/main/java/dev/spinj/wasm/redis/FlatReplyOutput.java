package dev.spinj.wasm.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects any RESP2 reply the way Spin's {@code execute} flattens it
 * ({@code fermyon/spin@v1.5.1:crates/outbound-redis/src/lib.rs}, {@code RedisResults}): nil and
 * the {@code OK} status are dropped, arrays are flattened depth-first, integers become
 * {@code int64}, bulk strings {@code binary}, other status lines {@code status}.
 */
final class FlatReplyOutput extends CommandOutput<byte[], byte[], List<RedisResult>> {
    FlatReplyOutput() {
        super(ByteArrayCodec.INSTANCE, new ArrayList<>());
    }

    /** A bulk string; null is the nil bulk string. */
    @Override
    public void set(ByteBuffer bytes) {
        if (bytes != null) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            output.add(new RedisResult.Binary(copy));
        }
    }

    /** A status line ({@code +PONG}); redis-rs turns {@code +OK} into {@code Value::Okay}, which Spin drops. */
    @Override
    public void setSingle(ByteBuffer bytes) {
        if (bytes == null) {
            return;
        }
        String status = StandardCharsets.UTF_8.decode(bytes).toString();
        if (!status.equals("OK")) {
            output.add(new RedisResult.Status(status));
        }
    }

    @Override
    public void set(long integer) {
        output.add(new RedisResult.Int64(integer));
    }

    /** Array headers carry no value of their own: their elements are appended in order. */
    @Override
    public void multi(int count) {}
}
