package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.wasi.p2.NetworkTypes.Failure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one socket the guest may read and set ({@code keep-alive-*}, {@code hop-limit},
 * buffer sizes): kept here with wasmtime's checks (a size, time or count of 0 is {@code
 * invalid-argument}); a socket applies the ones Java can set on its channel.
 */
final class SocketOptions {
    /** One option: its WIT name (the getter; the setter is {@code set-} + it), type and initial value. */
    record Option(String name, ValType type, Object initial) {}

    static final List<Option> TCP = List.of(
            new Option("keep-alive-enabled", Primitive.BOOL, false),
            new Option("keep-alive-idle-time", Primitive.U64, 7_200_000_000_000L),
            new Option("keep-alive-interval", Primitive.U64, 75_000_000_000L),
            new Option("keep-alive-count", Primitive.U32, 9L),
            new Option("hop-limit", Primitive.U8, 64),
            new Option("receive-buffer-size", Primitive.U64, (long) TcpSocket.BUFFER),
            new Option("send-buffer-size", Primitive.U64, (long) TcpSocket.BUFFER));

    static final List<Option> UDP = List.of(
            new Option("unicast-hop-limit", Primitive.U8, 64),
            new Option("receive-buffer-size", Primitive.U64, (long) UdpSocket.MAX_DATAGRAM),
            new Option("send-buffer-size", Primitive.U64, (long) UdpSocket.MAX_DATAGRAM));

    private final Map<String, Object> values = new HashMap<>();

    SocketOptions(List<Option> options) {
        options.forEach(o -> values.put(o.name(), o.initial()));
    }

    Object get(String name) {
        return values.get(name);
    }

    void set(String name, Object value) throws Failure {
        if (value instanceof Number n && n.longValue() == 0) {
            throw new Failure("invalid-argument");
        }
        values.put(name, value);
    }
}
