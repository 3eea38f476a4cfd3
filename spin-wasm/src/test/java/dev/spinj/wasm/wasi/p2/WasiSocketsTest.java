package dev.spinj.wasm.wasi.p2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * wasi-sockets.wat against real loopback sockets, with the allow-list as the test's predicate.
 * The guest answers 100 + error-code index from its first fallible step, 200 + from the second...
 */
@Timeout(60)
class WasiSocketsTest {
    private static final List<String> ERRORS = List.of("unknown", "access-denied", "not-supported", "invalid-argument",
            "out-of-memory", "timeout", "concurrency-conflict", "not-in-progress", "would-block", "invalid-state",
            "new-socket-limit", "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused",
            "connection-reset", "connection-aborted", "datagram-too-large", "name-unresolvable",
            "temporary-resolver-failure", "permanent-resolver-failure");

    private final List<InstanceInContext> instances = new ArrayList<>();
    private final List<AutoCloseable> peers = new ArrayList<>();

    private InstanceInContext instantiate(BiPredicate<String, InetSocketAddress> allowed) throws IOException {
        WasiP2Host host = new WasiP2Host(WasiP2Host.Config.of(Map.of()).withSocketsAllowed(allowed));
        InstanceInContext i = InstanceInContext.of(host, "wasi-sockets");
        instances.add(i);
        return i;
    }

    @AfterEach
    void close() throws Exception {
        instances.forEach(i -> i.context().close());
        for (AutoCloseable peer : peers) {
            peer.close();
        }
    }

    private static long failed(int step, String code) {
        return 100L * step + ERRORS.indexOf(code);
    }

    private ServerSocket server() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peers.add(server);
        return server;
    }

    /** Accepts one connection, reads it to its end, answers what it read and closes. */
    private static CompletableFuture<byte[]> echoOnce(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                byte[] got = s.getInputStream().readAllBytes();
                s.getOutputStream().write(got);
                return got;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, r -> new Thread(r, "echo").start());
    }

    /** What the guest receives until the peer's end. */
    private static String receiveAll(InstanceInContext i) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = (byte[]) i.call("tcp-receive", 100L)).length > 0) {
            got.writeBytes(chunk);
        }
        return got.toString(UTF_8);
    }

    private Object connect(InstanceInContext i, int port) {
        return i.call("tcp-connect", 127, 0, 0, 1, port);
    }

    @Test
    void aGuestConnectsToAnAllowedAddressAndTalksOverStreams() throws Exception {
        ServerSocket server = server();
        InstanceInContext i = instantiate((scheme, a) -> scheme.equals("tcp") && a.getPort() == server.getLocalPort());
        CompletableFuture<byte[]> echoed = echoOnce(server);
        assertEquals(0L, connect(i, server.getLocalPort()));
        assertEquals(0, ((Number) i.call("tcp-send", (Object) "ping".getBytes(UTF_8))).intValue());
        i.call("tcp-close-output");
        assertEquals("ping", new String(echoed.get(30, TimeUnit.SECONDS), UTF_8));
        assertEquals("ping", receiveAll(i));
    }

    @Test
    void aConnectTheAllowListDeniesIsAccessDenied() throws IOException {
        ServerSocket server = server();
        assertEquals(failed(2, "access-denied"), connect(instantiate((scheme, a) -> false), server.getLocalPort()));
    }

    @Test
    void aConnectToAClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertEquals(failed(3, "connection-refused"), connect(instantiate((scheme, a) -> true), port));
    }

    @Test
    void tcpBindIsAlwaysAccessDenied() throws IOException {
        assertEquals(failed(1, "access-denied"), instantiate((scheme, a) -> true).call("tcp-bind", 8080));
    }

    @Test
    void nameLookupIsAPermanentResolverFailureAndABadNameAnInvalidArgument() throws IOException {
        InstanceInContext i = instantiate((scheme, a) -> true);
        assertEquals(failed(1, "permanent-resolver-failure"), i.call("lookup", "example.com"));
        assertEquals(failed(1, "invalid-argument"), i.call("lookup", ""));
    }

    @Test
    void aDatagramReachesAnAllowedPeer() throws Exception {
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peers.add(peer);
        peer.setSoTimeout(30_000);
        InstanceInContext i = instantiate((scheme, a) -> scheme.equals("udp"));
        assertEquals(0L, i.call("udp-send", 127, 0, 0, 1, peer.getLocalPort(), "hello udp".getBytes(UTF_8)));
        DatagramPacket packet = new DatagramPacket(new byte[100], 100);
        peer.receive(packet);
        assertEquals("hello udp", new String(packet.getData(), 0, packet.getLength(), UTF_8));
    }

    @Test
    void aDatagramPeerTheAllowListDeniesIsAccessDenied() throws IOException {
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peers.add(peer);
        InstanceInContext i = instantiate((scheme, a) -> a.getAddress().isAnyLocalAddress());
        assertEquals(failed(2, "access-denied"), i.call("udp-send", 127, 0, 0, 1, peer.getLocalPort(), new byte[] {1}));
    }

    @Test
    void closingTheInstanceClosesItsConnections() throws Exception {
        ServerSocket server = server();
        InstanceInContext i = instantiate((scheme, a) -> true);
        CompletableFuture<byte[]> echoed = echoOnce(server);
        assertEquals(0L, connect(i, server.getLocalPort()));
        i.context().close();
        assertEquals(0, echoed.get(30, TimeUnit.SECONDS).length, "the peer saw the connection end");
    }
}
