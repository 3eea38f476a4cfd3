package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.BYTES;
import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.list;
import static dev.spinj.wasm.wit.Wit.option;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.self;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.redis.RedisResult;
import dev.spinj.wasm.host.redis.RedisService;
import dev.spinj.wasm.host.redis.RedisTypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fermyon:spin/redis@2.0.0} (SPEC2 §4.2) over the {@link RedisService} the 1.x interface
 * uses: a connection resource names its server once; its {@code execute} runs on connections of
 * its own, so a {@code SELECT} or {@code MULTI} holds for that resource alone and ends with it.
 */
final class RedisInterfaces {
    private static final Logger LOG = LoggerFactory.getLogger(RedisInterfaces.class);
    /** Spin's connection table size for its outbound connections. */
    private static final int CONNECTIONS_PER_INSTANCE = 1024;

    private final RedisService redis;
    private final HostResource<Connection> connections =
            new HostResource<>("connection", CONNECTIONS_PER_INSTANCE, Connection::close);

    RedisInterfaces(RedisService redis) {
        this.redis = redis;
    }

    /** A guest's connection: the server it named and its own {@code execute} connections. */
    private record Connection(String address, RedisService.Session session) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    void addTo(Linker linker) {
        ValType error = variant(alt("invalid-address"), alt("too-many-connections"), alt("type-error"), alt("other", STRING));
        var connection = connections.type();
        Field self = self(connection);
        Field key = param("key", STRING);
        Field values = param("values", list(STRING));
        ValType redisParameter = variant(alt("int64", Primitive.S64), alt("binary", BYTES));
        ValType redisResult = variant(alt("nil"), alt("status", STRING), alt("int64", Primitive.S64), alt("binary", BYTES));
        linker.instance("fermyon:spin/redis@2.0.0", connections.declareIn(HostInstance.builder())
                .function("[static]connection.open", ComponentFunction.of(func(result(own(connection), error),
                        param("address", STRING)), a -> open((String) a[0])))
                .function("[method]connection.publish", ComponentFunction.of(func(result(null, error), self,
                        param("channel", STRING), param("payload", BYTES)), a -> call(a[0], "publish", c -> {
                            redis.publish(c.address(), utf8(a[1]), (byte[]) a[2]);
                            return null;
                        })))
                .function("[method]connection.get", ComponentFunction.of(func(result(option(BYTES), error), self, key),
                        a -> call(a[0], "get", c -> Optional.ofNullable(redis.get(c.address(), utf8(a[1]))))))
                .function("[method]connection.set", ComponentFunction.of(func(result(null, error), self, key,
                        param("value", BYTES)), a -> call(a[0], "set", c -> {
                            redis.set(c.address(), utf8(a[1]), (byte[]) a[2]);
                            return null;
                        })))
                .function("[method]connection.incr", ComponentFunction.of(func(result(Primitive.S64, error), self, key),
                        a -> call(a[0], "incr", c -> redis.incr(c.address(), utf8(a[1])))))
                .function("[method]connection.del", ComponentFunction.of(func(result(Primitive.U32, error), self,
                        param("keys", list(STRING))), a -> call(a[0], "del", c -> redis.del(c.address(), utf8s(a[1])))))
                .function("[method]connection.sadd", ComponentFunction.of(func(result(Primitive.U32, error), self, key, values),
                        a -> call(a[0], "sadd", c -> redis.sadd(c.address(), utf8(a[1]), utf8s(a[2])))))
                .function("[method]connection.smembers", ComponentFunction.of(func(result(list(STRING), error), self, key),
                        a -> call(a[0], "smembers", c -> redis.smembers(c.address(), utf8(a[1])))))
                .function("[method]connection.srem", ComponentFunction.of(func(result(Primitive.U32, error), self, key, values),
                        a -> call(a[0], "srem", c -> redis.srem(c.address(), utf8(a[1]), utf8s(a[2])))))
                .function("[method]connection.execute", ComponentFunction.of(func(result(list(redisResult), error), self,
                        param("command", STRING), param("arguments", list(redisParameter))),
                        a -> call(a[0], "execute " + a[1], c -> results(c.session().execute(c.address(), utf8(a[1]),
                                arguments((List<?>) a[2]))))))
                .build());
    }

    /**
     * Spin's order: the allow-list ({@code invalid-address}), the address's form (the same), the
     * connection ({@code other}), the table.
     */
    private ResultValue open(String address) {
        String component = HostContext.current().componentId();
        if (!redis.allows(component, address)) {
            LOG.warn("Component {}: outbound Redis to {} denied: the address is not in allowed_outbound_hosts",
                    component, address);
            return ResultValue.err(VariantValue.of("invalid-address"));
        }
        try {
            redis.connect(address);
        } catch (IllegalArgumentException e) {
            return ResultValue.err(VariantValue.of("invalid-address"));
        } catch (RuntimeException e) {
            return failed(component, "open " + address, e);
        }
        Connection connection = new Connection(address, redis.session());
        OptionalInt rep = connections.add(connection);
        if (rep.isEmpty()) {
            connection.close();
            return ResultValue.err(VariantValue.of("too-many-connections"));
        }
        return ResultValue.ok(rep.getAsInt());
    }

    @FunctionalInterface
    private interface Command {
        Object run(Connection connection);
    }

    private ResultValue call(Object rep, String function, Command command) {
        Connection connection = connections.get(rep);
        return attempt(HostContext.current().componentId(), function + " on " + connection.address(),
                () -> command.run(connection));
    }

    /** A reply of the wrong type is {@code type-error}, any other failure {@code other}. */
    private static ResultValue attempt(String component, String what, Supplier<Object> command) {
        try {
            return ResultValue.ok(command.get());
        } catch (RedisTypeException e) {
            return ResultValue.err(VariantValue.of("type-error"));
        } catch (RuntimeException e) {
            return failed(component, what, e);
        }
    }

    private static ResultValue failed(String component, String what, RuntimeException e) {
        LOG.warn("Component {}: outbound Redis {} failed: {}", component, what, e.getMessage());
        return ResultValue.err(new VariantValue("other", String.valueOf(e.getMessage())));
    }

    private static byte[] utf8(Object string) {
        return ((String) string).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] utf8s(Object strings) {
        return ((List<?>) strings).stream().map(RedisInterfaces::utf8).toArray(byte[][]::new);
    }

    /** Integers go on the wire in decimal, as redis-rs writes them. */
    private static List<byte[]> arguments(List<?> parameters) {
        List<byte[]> out = new ArrayList<>(parameters.size());
        for (Object p : parameters) {
            VariantValue v = (VariantValue) p;
            out.add(v.value() instanceof Long n ? Long.toString(n).getBytes(StandardCharsets.US_ASCII) : (byte[]) v.value());
        }
        return out;
    }

    private static List<VariantValue> results(List<RedisResult> results) {
        List<VariantValue> out = new ArrayList<>(results.size());
        for (RedisResult r : results) {
            if (r instanceof RedisResult.Status s) {
                out.add(new VariantValue("status", s.text()));
            } else if (r instanceof RedisResult.Int64 n) {
                out.add(new VariantValue("int64", n.value()));
            } else if (r instanceof RedisResult.Binary b) {
                out.add(new VariantValue("binary", b.bytes()));
            }
        }
        return out;
    }
}
