package dev.spinj.wasm.wasi.p2;

/**
 * The host side of one {@code input-stream} or {@code output-stream} handle: its channel (a
 * {@link ReadAhead} or a {@code ByteSink}), a name for messages, what to do when the guest drops
 * it, and whether it is closed (after the end or a failure every operation answers {@code
 * closed}, as the streams WIT says).
 */
final class StreamResource<C> {
    private final String name;
    private final C channel;
    private final Runnable dropped;
    private boolean closed;

    StreamResource(String name, C channel, Runnable dropped) {
        this.name = name;
        this.channel = channel;
        this.dropped = dropped;
    }

    String name() {
        return name;
    }

    C channel() {
        return channel;
    }

    Runnable dropped() {
        return dropped;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
