package dev.spinj.wasm.host.redis;

import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestAbiException;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.host.ErrorResults;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostImport;
import dev.spinj.wasm.host.HostInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code outbound-redis.*} / {@code fermyon:spin/redis.*} (SPEC 3.3): each call names its server
 * by address and runs one command: the typed functions on the connection shared for that address
 * (their commands leave no state behind), {@code execute} on a connection of the calling instance
 * alone ({@link ExecuteSession}), since a guest may run anything there. Every call gives up when
 * the guest's deadline is spent. Every Redis-side failure (unreachable server, error reply,
 * timeout, address not allowed) is the {@code error} variant with a warning naming the
 * component; only a guest breaking the ABI traps.
 */
public final class OutboundRedisHost implements HostInterface {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundRedisHost.class);
    private static final int ERROR = 1;
    /** Where the error byte sits: after the tag, at the alignment of the ok payload. */
    private static final int UNIT_ERROR_AT = 1;
    private static final int LIST_ERROR_AT = 4;
    private static final int S64_ERROR_AT = 8;
    private static final int PARAMETER_SIZE = 16;

    private final RedisService redis;

    /** @param redis the app's Redis service, shared with the component bindings (closed by its owner) */
    public OutboundRedisHost(RedisService redis) {
        this.redis = redis;
    }

    @Override
    public String legacyModule() {
        return "outbound-redis";
    }

    @Override
    public String canonicalModule() {
        return "fermyon:spin/redis";
    }

    @Override
    public List<HostImport> imports() {
        return List.of(
                HostImport.i32s("publish", 7, (ctx, a) -> run(ctx, "publish", a, UNIT_ERROR_AT,
                        address -> {
                            redis.publish(address, key(ctx, a, 2), bytes(ctx, a, 4));
                            return null;
                        }, OutboundRedisHost::writeUnit)),
                HostImport.i32s("set", 7, (ctx, a) -> run(ctx, "set", a, UNIT_ERROR_AT,
                        address -> {
                            redis.set(address, key(ctx, a, 2), bytes(ctx, a, 4));
                            return null;
                        }, OutboundRedisHost::writeUnit)),
                // a missing key reads as an empty payload, as in Spin
                HostImport.i32s("get", 5, (ctx, a) -> run(ctx, "get", a, LIST_ERROR_AT,
                        address -> redis.get(address, key(ctx, a, 2)),
                        (x, ret, v) -> writeList(x, ret, x.abi().lowerBytes(v == null ? new byte[0] : v)))),
                HostImport.i32s("incr", 5, (ctx, a) -> run(ctx, "incr", a, S64_ERROR_AT,
                        address -> redis.incr(address, key(ctx, a, 2)), OutboundRedisHost::writeS64)),
                HostImport.i32s("del", 5, (ctx, a) -> run(ctx, "del", a, S64_ERROR_AT,
                        address -> redis.del(address, keys(ctx, a, 2)), OutboundRedisHost::writeS64)),
                HostImport.i32s("sadd", 7, (ctx, a) -> run(ctx, "sadd", a, S64_ERROR_AT,
                        address -> redis.sadd(address, key(ctx, a, 2), keys(ctx, a, 4)), OutboundRedisHost::writeS64)),
                HostImport.i32s("srem", 7, (ctx, a) -> run(ctx, "srem", a, S64_ERROR_AT,
                        address -> redis.srem(address, key(ctx, a, 2), keys(ctx, a, 4)), OutboundRedisHost::writeS64)),
                HostImport.i32s("smembers", 5, (ctx, a) -> run(ctx, "smembers", a, LIST_ERROR_AT,
                        address -> redis.smembers(address, key(ctx, a, 2)),
                        (x, ret, v) -> writeList(x, ret, x.abi().lowerStrings(v)))),
                HostImport.i32s("execute", 7, this::execute));
    }

    private long[] execute(HostContext ctx, long[] a) {
        String command = ctx.abi().liftString((int) a[2], (int) a[3], "redis command");
        List<byte[]> args = parameters(ctx.abi(), (int) a[4], (int) a[5]);
        return run(ctx, "execute " + command, a, LIST_ERROR_AT,
                address -> ctx.state(RedisService.Session.class, redis::session)
                        .execute(address, command.getBytes(StandardCharsets.UTF_8), args),
                OutboundRedisHost::writeResults);
    }

    /** Writes an import's {@code ok} result at its return pointer. */
    @FunctionalInterface
    private interface OkWriter<T> {
        void write(HostContext ctx, int retptr, T value);
    }

    /**
     * Lifts the address (argument 0/1) and runs {@code command} against it. The command
     * lifts its own arguments first: a guest ABI violation propagates and traps the call; any
     * other failure is logged and written as {@code err(error)}.
     */
    private <T> long[] run(HostContext ctx, String function, long[] args, int errorAt,
            Function<String, T> command, OkWriter<T> ok) {
        String address = ctx.abi().liftString((int) args[0], (int) args[1], "redis address");
        int retptr = (int) args[args.length - 1];
        if (!redis.allows(ctx.componentId(), address)) {
            LOG.warn("Component {}: outbound Redis {} to {} denied: the address is not in allowed_outbound_hosts",
                    ctx.componentId(), function, address);
            ErrorResults.writeEnum(ctx, retptr, errorAt, ERROR);
            return null;
        }
        T value;
        try {
            value = command.apply(address);
        } catch (GuestAbiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Component {}: outbound Redis {} on {} failed: {}", ctx.componentId(), function, address, e.getMessage());
            ErrorResults.writeEnum(ctx, retptr, errorAt, ERROR);
            return null;
        }
        ok.write(ctx, retptr, value);
        return null;
    }

    private static byte[] key(HostContext ctx, long[] a, int at) {
        return ctx.abi().liftString((int) a[at], (int) a[at + 1], "redis key").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(HostContext ctx, long[] a, int at) {
        return ctx.abi().liftBytes((int) a[at], (int) a[at + 1], "redis payload");
    }

    private static byte[][] keys(HostContext ctx, long[] a, int at) {
        List<String> strings = ctx.abi().liftStrings((int) a[at], (int) a[at + 1], "redis values");
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** {@code list<redis-parameter>}: 16-byte elements, align 8, tag @0, int64 @8 or binary ptr/len @8/@12. */
    private static List<byte[]> parameters(CanonicalAbi abi, int ptr, int count) {
        GuestMemory memory = abi.memory();
        long size = Integer.toUnsignedLong(count) * PARAMETER_SIZE;
        if (size > Integer.MAX_VALUE) {
            throw new GuestAbiException("redis arguments have too many elements: " + Integer.toUnsignedLong(count));
        }
        memory.checkRange(ptr, (int) size, "redis arguments");
        memory.checkAligned(ptr, 8, "redis arguments");
        List<byte[]> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = ptr + i * PARAMETER_SIZE;
            if (abi.tag(at, 2, "redis-parameter") == 0) {
                // integers go on the wire in decimal, as redis-rs writes them
                args.add(Long.toString(memory.i64(at + 8)).getBytes(StandardCharsets.US_ASCII));
            } else {
                args.add(memory.bytes(memory.i32(at + 8), memory.i32(at + 12), "redis argument " + i));
            }
        }
        return args;
    }

    private static void writeUnit(HostContext ctx, int ret, Object ignored) {
        ctx.abi().memory().writeU8(ret, 0);
    }

    private static void writeS64(HostContext ctx, int ret, Long value) {
        ctx.abi().memory().writeU8(ret, 0);
        ctx.abi().memory().writeI64(ret + 8, value);
    }

    private static void writeList(HostContext ctx, int ret, Slice list) {
        ctx.abi().memory().writeU8(ret, 0);
        ctx.abi().memory().writeI32(ret + 4, list.ptr());
        ctx.abi().memory().writeI32(ret + 8, list.len());
    }

    /** {@code list<redis-result>}: 16-byte elements, align 8, tag @0, payload @8 (SPEC 3.3). */
    private static void writeResults(HostContext ctx, int ret, List<RedisResult> results) {
        CanonicalAbi abi = ctx.abi();
        int[] tags = new int[results.size()];
        long[] payloads = new long[results.size()];
        Slice[] lists = new Slice[results.size()];
        for (int i = 0; i < results.size(); i++) {
            RedisResult r = results.get(i);
            tags[i] = r.tag();
            if (r instanceof RedisResult.Int64 n) {
                payloads[i] = n.value();
            } else if (r instanceof RedisResult.Binary b) {
                lists[i] = abi.lowerBytes(b.bytes());
            } else if (r instanceof RedisResult.Status s) {
                lists[i] = abi.lowerString(s.text());
            }
        }
        int array = abi.allocator().allocate(8, results.size() * PARAMETER_SIZE);
        GuestMemory memory = abi.memory();
        for (int i = 0; i < tags.length; i++) {
            int at = array + i * PARAMETER_SIZE;
            memory.writeU8(at, tags[i]);
            if (lists[i] == null) {
                memory.writeI64(at + 8, payloads[i]);
            } else {
                memory.writeI32(at + 8, lists[i].ptr());
                memory.writeI32(at + 12, lists[i].len());
            }
        }
        writeList(ctx, ret, new Slice(array, results.size()));
    }
}
