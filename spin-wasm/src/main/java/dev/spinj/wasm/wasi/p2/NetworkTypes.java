package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.VariantType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The types of {@code wasi:sockets/network} 0.2.0 that tcp, udp and ip-name-lookup share (the
 * network resource, error codes, addresses), and the conversions between its addresses and
 * Java's.
 */
final class NetworkTypes {
    final ResourceType network = ResourceType.defined("network", ResourceType.NO_DESTRUCTOR);
    final EnumType errorCode = new EnumType(List.of("unknown", "access-denied", "not-supported", "invalid-argument",
            "out-of-memory", "timeout", "concurrency-conflict", "not-in-progress", "would-block", "invalid-state",
            "new-socket-limit", "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused",
            "connection-reset", "connection-aborted", "datagram-too-large", "name-unresolvable",
            "temporary-resolver-failure", "permanent-resolver-failure"));
    final EnumType family = new EnumType(List.of("ipv4", "ipv6"));
    private final TupleType ipv4 = new TupleType(Collections.nCopies(4, Primitive.U8));
    private final TupleType ipv6 = new TupleType(Collections.nCopies(8, Primitive.U16));
    final VariantType ipAddress = new VariantType(List.of(new Case("ipv4", ipv4), new Case("ipv6", ipv6)));
    final VariantType socketAddress = new VariantType(List.of(
            new Case("ipv4", new RecordType(List.of(new Field("port", Primitive.U16), new Field("address", ipv4)))),
            new Case("ipv6", new RecordType(List.of(new Field("port", Primitive.U16), new Field("flow-info", Primitive.U32),
                    new Field("address", ipv6), new Field("scope-id", Primitive.U32))))));

    /** A socket error the guest gets as an error-code. */
    static final class Failure extends Exception {
        final String code;

        Failure(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /** An ip-socket-address as Java's; a malformed one is {@code invalid-argument}. */
    static InetSocketAddress toJava(Object address) throws Failure {
        VariantValue v = (VariantValue) address;
        RecordValue r = (RecordValue) v.value();
        int port = (Integer) r.get(0);
        try {
            if (v.label().equals("ipv4")) {
                byte[] bytes = new byte[4];
                List<?> parts = (List<?>) r.get(1);
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) (int) (Integer) parts.get(i);
                }
                return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            }
            byte[] bytes = new byte[16];
            List<?> parts = (List<?>) r.get(2);
            for (int i = 0; i < 8; i++) {
                int part = (Integer) parts.get(i);
                bytes[2 * i] = (byte) (part >> 8);
                bytes[2 * i + 1] = (byte) part;
            }
            int scope = (int) (long) (Long) r.get(3);
            return new InetSocketAddress(scope == 0 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, scope), port);
        } catch (UnknownHostException e) {
            throw new Failure("invalid-argument");
        }
    }

    /** Java's socket address as an ip-socket-address. */
    static VariantValue fromJava(InetSocketAddress address) {
        byte[] bytes = address.getAddress().getAddress();
        List<Object> parts = new ArrayList<>();
        if (address.getAddress() instanceof Inet4Address) {
            for (byte b : bytes) {
                parts.add(b & 0xff);
            }
            return new VariantValue("ipv4", RecordValue.of(address.getPort(), parts));
        }
        for (int i = 0; i < 8; i++) {
            parts.add(((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff));
        }
        long scope = address.getAddress() instanceof Inet6Address six ? six.getScopeId() : 0;
        return new VariantValue("ipv6", RecordValue.of(address.getPort(), 0L, parts, scope));
    }

    /** Whether {@code address} belongs to {@code family} ("ipv4" or "ipv6"). */
    static boolean inFamily(InetSocketAddress address, String family) {
        return (address.getAddress() instanceof Inet4Address) == family.equals("ipv4");
    }

    /** The error-code of a failed socket operation, as wasmtime maps the OS error. */
    static String code(IOException e) {
        if (e instanceof ConnectException) {
            return "connection-refused";
        }
        if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
            return "remote-unreachable";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof ClosedChannelException) {
            return "invalid-state";
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Connection reset")) {
            return "connection-reset";
        }
        if (message.contains("Address already in use")) {
            return "address-in-use";
        }
        return "unknown";
    }
}
