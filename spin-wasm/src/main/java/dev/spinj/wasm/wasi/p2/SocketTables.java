package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance's {@code wasi:sockets} resources (kept in its {@code HostContext}); closing it
 * with the instance closes every socket the guest left open. The datagram streams are views of
 * their socket, so only the sockets own anything.
 */
final class SocketTables implements AutoCloseable {
    final ResourceTable<Boolean> networks = new ResourceTable<>("network");
    final ResourceTable<TcpSocket> tcp = new ResourceTable<>("tcp-socket");
    final ResourceTable<UdpSocket> udp = new ResourceTable<>("udp-socket");
    final ResourceTable<UdpSocket> incoming = new ResourceTable<>("incoming-datagram-stream");
    final ResourceTable<UdpSocket> outgoing = new ResourceTable<>("outgoing-datagram-stream");
    final ResourceTable<Boolean> lookups = new ResourceTable<>("resolve-address-stream");

    @Override
    public void close() throws IOException {
        networks.clear();
        incoming.clear();
        outgoing.clear();
        lookups.clear();
        List<AutoCloseable> sockets = new ArrayList<>(tcp.clear());
        sockets.addAll(udp.clear());
        Releases.closeAll(sockets);
    }
}
