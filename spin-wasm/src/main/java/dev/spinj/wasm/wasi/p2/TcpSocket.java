package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The host side of one {@code wasi:sockets/tcp} socket: a client only, since Spin denies every
 * TCP bind (SPEC2 §5). Connecting runs on its own thread ({@code start-connect} returns at once,
 * {@code finish-connect} collects); once connected, two pump threads move bytes between the
 * blocking channel and the {@link BytePipe}s the guest's streams read and write.
 */
final class TcpSocket implements AutoCloseable {
    /** How much each direction buffers between the socket and the guest. */
    static final int BUFFER = 64 * 1024;

    enum State { UNBOUND, CONNECTING, CONNECTED, CLOSED }

    final String family;
    State state = State.UNBOUND;
    private CompletableFuture<SocketChannel> connecting;
    private SocketChannel channel;
    private final BytePipe input = new BytePipe(BUFFER);
    private final BytePipe output = new BytePipe(BUFFER);
    final SocketOptions options = new SocketOptions(SocketOptions.TCP);

    TcpSocket(String family) {
        this.family = family;
    }

    /** Starts connecting to {@code remote} on a thread of its own. */
    void startConnect(InetSocketAddress remote) {
        state = State.CONNECTING;
        connecting = new CompletableFuture<>();
        Thread connect = new Thread(() -> {
            try {
                SocketChannel ch = SocketChannel.open();
                try {
                    ch.connect(remote);
                    connecting.complete(ch);
                } catch (IOException e) {
                    ch.close();
                    connecting.completeExceptionally(e);
                }
            } catch (IOException e) {
                connecting.completeExceptionally(e);
            }
        }, "wasi-tcp-connect " + remote);
        connect.setDaemon(true);
        connect.start();
    }

    CompletableFuture<SocketChannel> connecting() {
        return connecting;
    }

    /**
     * The connection once made: starts the pumps. A failed attempt closes the socket for good.
     *
     * @throws IOException what the attempt failed with
     */
    void finishConnect() throws IOException {
        try {
            channel = connecting.join();
        } catch (CompletionException e) {
            state = State.CLOSED;
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        state = State.CONNECTED;
        applyKeepAlive();
        pump("in", this::pumpIn);
        pump("out", this::pumpOut);
    }

    /** Sets the guest's keep-alive choice on the connection, once there is one. */
    void applyKeepAlive() throws IOException {
        if (channel != null) {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, (Boolean) options.get("keep-alive-enabled"));
        }
    }

    BytePipe input() {
        return input;
    }

    BytePipe output() {
        return output;
    }

    SocketChannel channel() {
        return channel;
    }

    private void pump(String direction, Runnable body) {
        Thread t = new Thread(body, "wasi-tcp-" + direction + " " + channel.socket().getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
    }

    /** Socket to guest: stops reading while the guest is behind; the peer's end is the stream's end. */
    private void pumpIn() {
        byte[] chunk = new byte[BUFFER];
        try {
            while (true) {
                int room = input.awaitSpace();
                int n = channel.read(ByteBuffer.wrap(chunk, 0, Math.min(room, chunk.length)));
                if (n < 0) {
                    input.end();
                    return;
                }
                input.put(chunk, 0, n);
            }
        } catch (IOException e) {
            input.fail(e);
        }
    }

    /** Guest to socket: the guest finishing its output stream shuts the sending side down. */
    private void pumpOut() {
        try {
            while (true) {
                ByteBuffer chunk = output.awaitTake(BUFFER);
                if (chunk == dev.spinj.wasm.io.ByteSource.END) {
                    channel.shutdownOutput();
                    return;
                }
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
        } catch (IOException e) {
            output.fail(e);
        }
    }

    @Override
    public void close() throws IOException {
        state = State.CLOSED;
        input.close();
        output.close();
        if (channel != null) {
            channel.close();
        }
        if (connecting != null) {
            connecting.thenAccept(ch -> {
                try {
                    ch.close();
                } catch (IOException e) {
                    // a connection nobody took: nothing to tell anyone
                }
            });
        }
    }
}
