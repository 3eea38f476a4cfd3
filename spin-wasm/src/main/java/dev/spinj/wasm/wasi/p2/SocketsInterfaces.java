package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.self;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.wasi.p2.NetworkTypes.Failure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * {@code wasi:sockets} (0.2.0 and rc-2023-11-10) as Spin links it (SPEC2 §5): real sockets, every
 * address through the component's allow-list. TCP bind is always denied ({@code access-denied}),
 * so there is no listening; TCP connect is allowed iff {@code tcp://ip:port} is; UDP bind,
 * connect and send iff {@code udp://ip:port} is. Name lookup is off, as wasmtime's default
 * leaves it in Spin: {@code resolve-addresses} answers {@code permanent-resolver-failure}.
 * Sockets live in the calling instance's {@link HostContext} and close with it.
 */
final class SocketsInterfaces {
    private final WasiStreams io;
    private final BiPredicate<String, InetSocketAddress> allowed;
    private final NetworkTypes net = new NetworkTypes();
    private final ResourceType tcpSocket = ResourceType.defined("tcp-socket", ResourceType.NO_DESTRUCTOR);
    private final ResourceType udpSocket = ResourceType.defined("udp-socket", ResourceType.NO_DESTRUCTOR);
    private final ResourceType incoming = ResourceType.defined("incoming-datagram-stream", ResourceType.NO_DESTRUCTOR);
    private final ResourceType outgoing = ResourceType.defined("outgoing-datagram-stream", ResourceType.NO_DESTRUCTOR);
    private final ResourceType lookup = ResourceType.defined("resolve-address-stream", ResourceType.NO_DESTRUCTOR);
    private final EnumType shutdownType = new EnumType(List.of("receive", "send", "both"));
    private final RecordType incomingDatagram = new RecordType(List.of(
            new Field("data", new ListType(Primitive.U8)), new Field("remote-address", net.socketAddress)));
    private final RecordType outgoingDatagram = new RecordType(List.of(
            new Field("data", new ListType(Primitive.U8)), new Field("remote-address", new OptionType(net.socketAddress))));

    /** @param allowed whether the component may use {@code (scheme, address)}, scheme {@code tcp} or {@code udp} */
    SocketsInterfaces(WasiStreams io, BiPredicate<String, InetSocketAddress> allowed) {
        this.io = io;
        this.allowed = allowed;
    }

    /** A socket function's body: its ok value, or a {@link Failure} that becomes its error-code. */
    @FunctionalInterface
    private interface Operation {
        Object run(Object[] args) throws Failure, IOException;
    }

    private SocketTables tables() {
        return HostContext.current().state(this, SocketTables::new);
    }

    /**
     * Registers the sockets at {@code version}. Of rc-2023-10-18's sockets (other error codes,
     * other methods) only the {@code tcp-socket} resource is served: it is all the preview1
     * adapters of that release import, so adapted Spin 2.0 guests link; a guest using those
     * sockets fails to link, naming the missing function.
     */
    void addTo(Linker linker, WasiVersion version) {
        if (version == WasiVersion.RC_2023_10_18) {
            linker.instance(version.of("wasi:sockets/tcp"), withTcp(HostInstance.builder()).build());
            return;
        }
        boolean rc1110 = version == WasiVersion.RC_2023_11_10;
        linker.instance(version.of("wasi:sockets/network"), withNetwork(HostInstance.builder()).build());
        linker.instance(version.of("wasi:sockets/instance-network"), withNetwork(HostInstance.builder())
                .function("instance-network", ComponentFunction.of(func(new OwnType(net.network)), a -> tables().networks.add(true)))
                .build());
        linker.instance(version.of("wasi:sockets/ip-name-lookup"), nameLookup());
        linker.instance(version.of("wasi:sockets/tcp"), tcp(rc1110));
        linker.instance(version.of("wasi:sockets/tcp-create-socket"), withTcp(withNetwork(HostInstance.builder()))
                .function("create-tcp-socket", fallible(new OwnType(tcpSocket), List.of(param("address-family", net.family)),
                        a -> tables().tcp.add(new TcpSocket((String) a[0]))))
                .build());
        linker.instance(version.of("wasi:sockets/udp"), udp(rc1110));
        linker.instance(version.of("wasi:sockets/udp-create-socket"), withUdp(withNetwork(HostInstance.builder()))
                .function("create-udp-socket", fallible(new OwnType(udpSocket), List.of(param("address-family", net.family)),
                        a -> tables().udp.add(new UdpSocket((String) a[0]))))
                .build());
    }

    private HostInstance.Builder withNetwork(HostInstance.Builder b) {
        return b.resource("network", net.network, (t, rep) -> tables().networks.remove(rep));
    }

    private HostInstance.Builder withTcp(HostInstance.Builder b) {
        return b.resource("tcp-socket", tcpSocket, (t, rep) -> close(tables().tcp.remove(rep)));
    }

    private HostInstance.Builder withUdp(HostInstance.Builder b) {
        return b.resource("udp-socket", udpSocket, (t, rep) -> close(tables().udp.remove(rep)));
    }

    private static void close(AutoCloseable socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (Exception e) {
            // the guest dropped it: a failing close leaves nothing it could act on
        }
    }

    /** A function whose {@link Failure}s (and I/O errors, mapped as wasmtime does) are its error-code result. */
    private ComponentFunction fallible(ValType ok, List<Field> params, Operation body) {
        return ComponentFunction.of(func(new ResultType(ok, net.errorCode), params.toArray(Field[]::new)), a -> {
            try {
                return ResultValue.ok(body.run(a));
            } catch (Failure f) {
                return ResultValue.err(f.code);
            } catch (IOException e) {
                return ResultValue.err(NetworkTypes.code(e));
            }
        });
    }

    private static List<Field> params(ResourceType self, Field... rest) {
        List<Field> all = new ArrayList<>();
        all.add(self(self));
        all.addAll(List.of(rest));
        return all;
    }

    private HostInstance nameLookup() {
        return withNetwork(io.withPollable(HostInstance.builder()))
                .resource("resolve-address-stream", lookup, (t, rep) -> tables().lookups.remove(rep))
                .function("resolve-addresses", fallible(new OwnType(lookup),
                        List.of(param("network", new BorrowType(net.network)), param("name", Primitive.STRING)), a -> {
                            tables().networks.get(a[0]);
                            String name = (String) a[1];
                            if (name.isEmpty() || !name.matches("[A-Za-z0-9.\\-:\\[\\]_]+")) {
                                throw new Failure("invalid-argument");
                            }
                            throw new Failure("permanent-resolver-failure");
                        }))
                .function("[method]resolve-address-stream.resolve-next-address",
                        fallible(new OptionType(net.ipAddress), params(lookup), a -> {
                            tables().lookups.get(a[0]);
                            return Optional.empty();
                        }))
                .function("[method]resolve-address-stream.subscribe", ComponentFunction.of(
                        func(new OwnType(io.pollable()), self(lookup)), a -> {
                            tables().lookups.get(a[0]);
                            return io.newPollable(Pollable.readyNow());
                        }))
                .build();
    }

    /** Spin (its rc-2023-11-10 shim) no longer supports these: calling them traps, as there. */
    private static ComponentFunction unsupported(String what, ValType result, List<Field> params) {
        return ComponentFunction.of(func(result, params.toArray(Field[]::new)), a -> {
            throw new TrapException("wasi:sockets " + what + ": the ipv6-only API is no longer supported (as in Spin)");
        });
    }

    private HostInstance tcp(boolean rc1110) {
        HostInstance.Builder b = withTcp(withNetwork(io.withPollable(io.withOutputStream(io.withInputStream(HostInstance.builder())))));
        ValType unit = null;
        String m = "[method]tcp-socket.";
        Field network = param("network", new BorrowType(net.network));
        b.function(m + "start-bind", fallible(unit, params(tcpSocket, network, param("local-address", net.socketAddress)), a -> {
            if (tcp(a[0]).state != TcpSocket.State.UNBOUND) {
                throw new Failure("invalid-state");
            }
            throw new Failure("access-denied");
        }));
        b.function(m + "finish-bind", fallible(unit, params(tcpSocket), a -> {
            tcp(a[0]);
            throw new Failure("not-in-progress");
        }));
        b.function(m + "start-connect", fallible(unit, params(tcpSocket, network, param("remote-address", net.socketAddress)),
                a -> startConnect(tcp(a[0]), a[1], a[2])));
        b.function(m + "finish-connect", fallible(new TupleType(List.of(new OwnType(io.inputStream()), new OwnType(io.outputStream()))),
                params(tcpSocket), a -> finishConnect(tcp(a[0]))));
        b.function(m + "start-listen", fallible(unit, params(tcpSocket), a -> {
            tcp(a[0]);
            throw new Failure("invalid-state");
        }));
        b.function(m + "finish-listen", fallible(unit, params(tcpSocket), a -> {
            tcp(a[0]);
            throw new Failure("not-in-progress");
        }));
        b.function(m + "accept", fallible(new TupleType(List.of(new OwnType(tcpSocket), new OwnType(io.inputStream()),
                new OwnType(io.outputStream()))), params(tcpSocket), a -> {
                    tcp(a[0]);
                    throw new Failure("invalid-state");
                }));
        b.function(m + "local-address", fallible(net.socketAddress, params(tcpSocket),
                a -> NetworkTypes.fromJava((InetSocketAddress) connected(tcp(a[0])).channel().getLocalAddress())));
        b.function(m + "remote-address", fallible(net.socketAddress, params(tcpSocket),
                a -> NetworkTypes.fromJava((InetSocketAddress) connected(tcp(a[0])).channel().getRemoteAddress())));
        b.function(m + "is-listening", ComponentFunction.of(func(Primitive.BOOL, self(tcpSocket)), a -> {
            tcp(a[0]);
            return false;
        }));
        b.function(m + "address-family", ComponentFunction.of(func(net.family, self(tcpSocket)), a -> tcp(a[0]).family));
        b.function(m + "set-listen-backlog-size", fallible(unit, params(tcpSocket, param("value", Primitive.U64)), a -> {
            tcp(a[0]);
            positive((Long) a[1]);
            return null;
        }));
        options(b, tcpSocket, SocketOptions.TCP, rep -> tcp(rep).options);
        b.function(m + "set-keep-alive-enabled", fallible(unit, params(tcpSocket, param("value", Primitive.BOOL)), a -> {
            TcpSocket s = tcp(a[0]);
            s.options.set("keep-alive-enabled", a[1]);
            s.applyKeepAlive();
            return null;
        }));
        b.function(m + "subscribe", ComponentFunction.of(func(new OwnType(io.pollable()), self(tcpSocket)), a -> {
            TcpSocket s = tcp(a[0]);
            return io.newPollable(s.state == TcpSocket.State.CONNECTING ? Pollable.completion(s.connecting()) : Pollable.readyNow());
        }));
        b.function(m + "shutdown", fallible(unit, params(tcpSocket, param("shutdown-type", shutdownType)), a -> {
            TcpSocket s = connected(tcp(a[0]));
            String how = (String) a[1];
            if (!how.equals("send")) {
                s.channel().shutdownInput();
            }
            if (!how.equals("receive")) {
                s.output().end();
            }
            return null;
        }));
        if (rc1110) {
            b.function(m + "ipv6-only", unsupported("tcp-socket.ipv6-only", new ResultType(Primitive.BOOL, net.errorCode), params(tcpSocket)));
            b.function(m + "set-ipv6-only", unsupported("tcp-socket.set-ipv6-only", new ResultType(null, net.errorCode),
                    params(tcpSocket, param("value", Primitive.BOOL))));
        }
        return b.build();
    }

    /**
     * Each option's getter and setter on {@code socket}; a later {@code function} of the same
     * name (keep-alive-enabled's setter, which also applies it) replaces the plain one.
     */
    private void options(HostInstance.Builder b, ResourceType socket, List<SocketOptions.Option> options,
            Function<Object, SocketOptions> of) {
        String m = "[method]" + socket.name() + ".";
        for (SocketOptions.Option o : options) {
            b.function(m + o.name(), fallible(o.type(), params(socket), a -> of.apply(a[0]).get(o.name())));
            b.function(m + "set-" + o.name(), fallible(null, params(socket, param("value", o.type())), a -> {
                of.apply(a[0]).set(o.name(), a[1]);
                return null;
            }));
        }
    }

    private TcpSocket tcp(Object rep) {
        return tables().tcp.get(rep);
    }

    private static TcpSocket connected(TcpSocket s) throws Failure {
        if (s.state != TcpSocket.State.CONNECTED) {
            throw new Failure("invalid-state");
        }
        return s;
    }

    /** A listen backlog of 0 is {@code invalid-argument}, as wasmtime checks it. */
    private static long positive(long value) throws Failure {
        if (value == 0) {
            throw new Failure("invalid-argument");
        }
        return value;
    }

    /**
     * The address checks wasmtime makes before Spin's policy ({@code invalid-argument} for a
     * port 0, an unspecified address or the wrong family), then the policy for {@code scheme}.
     */
    private InetSocketAddress checked(String scheme, String family, Object address, boolean remote) throws Failure {
        InetSocketAddress a = NetworkTypes.toJava(address);
        if (!NetworkTypes.inFamily(a, family) || (remote && (a.getPort() == 0 || a.getAddress().isAnyLocalAddress()))) {
            throw new Failure("invalid-argument");
        }
        if (!allowed.test(scheme, a)) {
            throw new Failure("access-denied");
        }
        return a;
    }

    private Object startConnect(TcpSocket s, Object network, Object address) throws Failure {
        tables().networks.get(network);
        switch (s.state) {
            case CONNECTING -> throw new Failure("concurrency-conflict");
            case CONNECTED, CLOSED -> throw new Failure("invalid-state");
            default -> s.startConnect(checked("tcp", s.family, address, true));
        }
        return null;
    }

    private List<Object> finishConnect(TcpSocket s) throws Failure, IOException {
        if (s.state != TcpSocket.State.CONNECTING) {
            throw new Failure("not-in-progress");
        }
        if (!s.connecting().isDone()) {
            throw new Failure("would-block");
        }
        s.finishConnect();
        String name = "tcp " + s.channel().getRemoteAddress();
        return List.of(io.newInputStream(name, s.input().source()),
                io.newOutputStream(name, s.output().sink(), s.output()::end));
    }

    private HostInstance udp(boolean rc1110) {
        HostInstance.Builder b = withUdp(withNetwork(io.withPollable(HostInstance.builder())))
                .resource("incoming-datagram-stream", incoming, (t, rep) -> tables().incoming.remove(rep))
                .resource("outgoing-datagram-stream", outgoing, (t, rep) -> tables().outgoing.remove(rep));
        ValType unit = null;
        String m = "[method]udp-socket.";
        b.function(m + "start-bind", fallible(unit, params(udpSocket, param("network", new BorrowType(net.network)),
                param("local-address", net.socketAddress)), a -> {
                    UdpSocket s = udp(a[0]);
                    tables().networks.get(a[1]);
                    if (s.bound) {
                        throw new Failure("invalid-state");
                    }
                    s.channel.bind(checked("udp", s.family, a[2], false));
                    s.bound = true;
                    return null;
                }));
        b.function(m + "finish-bind", fallible(unit, params(udpSocket), a -> {
            if (!udp(a[0]).bound) {
                throw new Failure("not-in-progress");
            }
            return null;
        }));
        b.function(m + "stream", fallible(new TupleType(List.of(new OwnType(incoming), new OwnType(outgoing))),
                params(udpSocket, param("remote-address", new OptionType(net.socketAddress))), a -> stream(udp(a[0]), (Optional<?>) a[1])));
        b.function(m + "local-address", fallible(net.socketAddress, params(udpSocket), a -> {
            UdpSocket s = udp(a[0]);
            if (!s.bound) {
                throw new Failure("invalid-state");
            }
            return NetworkTypes.fromJava((InetSocketAddress) s.channel.getLocalAddress());
        }));
        b.function(m + "remote-address", fallible(net.socketAddress, params(udpSocket), a -> {
            UdpSocket s = udp(a[0]);
            if (s.remote == null) {
                throw new Failure("invalid-state");
            }
            return NetworkTypes.fromJava(s.remote);
        }));
        b.function(m + "address-family", ComponentFunction.of(func(net.family, self(udpSocket)), a -> udp(a[0]).family));
        options(b, udpSocket, SocketOptions.UDP, rep -> udp(rep).options);
        b.function(m + "subscribe", ComponentFunction.of(func(new OwnType(io.pollable()), self(udpSocket)), a -> {
            udp(a[0]);
            return io.newPollable(Pollable.readyNow());
        }));
        if (rc1110) {
            b.function(m + "ipv6-only", unsupported("udp-socket.ipv6-only", new ResultType(Primitive.BOOL, net.errorCode), params(udpSocket)));
            b.function(m + "set-ipv6-only", unsupported("udp-socket.set-ipv6-only", new ResultType(null, net.errorCode),
                    params(udpSocket, param("value", Primitive.BOOL))));
        }
        b.function("[method]incoming-datagram-stream.receive", fallible(new ListType(incomingDatagram),
                params(incoming, param("max-results", Primitive.U64)), a -> {
                    List<Object> out = new ArrayList<>();
                    for (UdpSocket.Received d : tables().incoming.get(a[0]).receive((Long) a[1])) {
                        out.add(RecordValue.of(d.data(), NetworkTypes.fromJava(d.from())));
                    }
                    return out;
                }));
        b.function("[method]incoming-datagram-stream.subscribe", ComponentFunction.of(func(new OwnType(io.pollable()), self(incoming)),
                a -> io.newPollable(tables().incoming.get(a[0]).arrivals())));
        b.function("[method]outgoing-datagram-stream.check-send", fallible(Primitive.U64, params(outgoing), a -> {
            tables().outgoing.get(a[0]);
            return (long) UdpSocket.QUEUE;
        }));
        b.function("[method]outgoing-datagram-stream.send", fallible(Primitive.U64,
                params(outgoing, param("datagrams", new ListType(outgoingDatagram))), a -> send(tables().outgoing.get(a[0]), (List<?>) a[1])));
        b.function("[method]outgoing-datagram-stream.subscribe", ComponentFunction.of(func(new OwnType(io.pollable()), self(outgoing)),
                a -> {
                    tables().outgoing.get(a[0]);
                    return io.newPollable(Pollable.readyNow());
                }));
        return b.build();
    }

    private UdpSocket udp(Object rep) {
        return tables().udp.get(rep);
    }

    /** {@code udp-socket.stream}: connects to {@code remote} (or disconnects) and hands out the two datagram streams. */
    private List<Object> stream(UdpSocket s, Optional<?> remote) throws Failure, IOException {
        if (!s.bound) {
            throw new Failure("invalid-state");
        }
        if (s.remote != null) {
            s.channel.disconnect();
            s.remote = null;
        }
        if (remote.isPresent()) {
            InetSocketAddress to = checked("udp", s.family, remote.get(), true);
            s.channel.connect(to);
            s.remote = to;
        }
        s.startReceiving();
        return List.of(tables().incoming.add(s), tables().outgoing.add(s));
    }

    /**
     * {@code outgoing-datagram-stream.send}: each datagram to its address (or the connected one),
     * through the policy; once one is sent, a later failure only ends the batch early (as the
     * WIT says).
     */
    private long send(UdpSocket s, List<?> datagrams) throws Failure, IOException {
        long sent = 0;
        for (Object d : datagrams) {
            RecordValue datagram = (RecordValue) d;
            try {
                byte[] data = (byte[]) datagram.get(0);
                if (data.length > UdpSocket.MAX_DATAGRAM) {
                    throw new Failure("datagram-too-large");
                }
                InetSocketAddress to = destination(s, (Optional<?>) datagram.get(1));
                s.channel.send(ByteBuffer.wrap(data), to);
                sent++;
            } catch (Failure | IOException e) {
                if (sent == 0) {
                    throw e;
                }
                return sent;
            }
        }
        return sent;
    }

    private InetSocketAddress destination(UdpSocket s, Optional<?> given) throws Failure {
        if (given.isEmpty()) {
            if (s.remote == null) {
                throw new Failure("invalid-argument");
            }
            return s.remote;
        }
        InetSocketAddress to = checked("udp", s.family, given.get(), true);
        if (s.remote != null && !s.remote.equals(to)) {
            throw new Failure("invalid-argument");
        }
        return to;
    }
}
