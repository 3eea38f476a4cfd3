package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The host side of one {@code wasi:sockets/udp} socket: a blocking datagram channel, and once
 * the guest asks for its streams, a pump thread that queues what arrives (a bounded queue that
 * drops on overflow, as a full socket buffer does) for {@code incoming-datagram-stream.receive}.
 */
final class UdpSocket implements AutoCloseable {
    /** The largest datagram (IPv4's limit), and how many wait for the guest at most. */
    static final int MAX_DATAGRAM = 65_507;
    static final int QUEUE = 64;

    /** One received datagram. */
    record Received(byte[] data, InetSocketAddress from) {}

    final String family;
    final DatagramChannel channel;
    boolean bound;
    InetSocketAddress remote;
    final SocketOptions options = new SocketOptions(SocketOptions.UDP);
    private final Deque<Received> received = new ArrayDeque<>();
    private Runnable wake;
    private Thread pump;

    UdpSocket(String family) throws IOException {
        this.family = family;
        ProtocolFamily protocol = family.equals("ipv4") ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        this.channel = DatagramChannel.open(protocol);
    }

    /** Starts queueing what arrives, once (streams asked for again share the queue). */
    synchronized void startReceiving() {
        if (pump != null) {
            return;
        }
        pump = new Thread(this::pump, "wasi-udp-in " + channel.socket().getLocalSocketAddress());
        pump.setDaemon(true);
        pump.start();
    }

    private void pump() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                byte[] data = new byte[buffer.flip().remaining()];
                buffer.get(data);
                queue(new Received(data, from));
            }
        } catch (IOException e) {
            // the socket closed: nothing more arrives
        }
    }

    private void queue(Received datagram) {
        Runnable toWake;
        synchronized (this) {
            if (received.size() < QUEUE) {
                received.add(datagram);
            }
            toWake = wake;
            wake = null;
        }
        if (toWake != null) {
            toWake.run();
        }
    }

    /** Up to {@code max} queued datagrams, without waiting. */
    synchronized List<Received> receive(long max) {
        List<Received> out = new ArrayList<>();
        while (!received.isEmpty() && out.size() < max) {
            out.add(received.poll());
        }
        return out;
    }

    /** Ready when a datagram waits. */
    Pollable arrivals() {
        return new Pollable() {
            @Override
            public boolean ready() {
                synchronized (UdpSocket.this) {
                    return !received.isEmpty();
                }
            }

            @Override
            public void whenReady(Runnable wakeUp) {
                synchronized (UdpSocket.this) {
                    if (received.isEmpty()) {
                        wake = wakeUp;
                        return;
                    }
                }
                wakeUp.run();
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
