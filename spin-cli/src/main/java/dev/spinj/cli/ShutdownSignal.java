package dev.spinj.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM turned into a latch, so a trigger can stop gracefully and exit 0 instead of
 * the JVM's default 130/143 with shutdown hooks racing in-flight requests.
 */
final class ShutdownSignal {
    private final CountDownLatch received = new CountDownLatch(1);

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> signal.received.countDown());
        }
        return signal;
    }

    void await() throws InterruptedException {
        received.await();
    }
}
