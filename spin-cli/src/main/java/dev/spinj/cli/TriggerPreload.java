package dev.spinj.cli;

import dev.spinj.loader.lock.LockFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Start-up work of a trigger that does not depend on its flags, done on a second thread while the
 * main one parses them: reading the lock (Jackson's deserializers for the lock's records), and
 * loading and initialising the classes the later steps need (Netty's epoll transport and its native
 * library, the HTTP codec, Chicory's parser). The main thread then finds them ready instead of
 * doing each in turn; a JVM's start-up is otherwise one thread's work with a second core idle.
 * Nothing here changes what the trigger does: a failure is left for the main thread to meet and
 * report where it happens.
 */
final class TriggerPreload {
    private static final List<String> CLASSES = List.of(
            "io.netty.channel.epoll.Epoll",
            "io.netty.buffer.PooledByteBufAllocator",
            "io.netty.bootstrap.ServerBootstrap",
            "io.netty.handler.codec.http.HttpServerCodec",
            "io.netty.handler.codec.http.DefaultFullHttpResponse",
            "com.dylibso.chicory.wasm.Parser",
            "com.dylibso.chicory.runtime.Instance",
            "com.dylibso.chicory.compiler.internal.ClassLoadingCollector");

    private TriggerPreload() {}

    static void start() {
        Thread thread = new Thread(TriggerPreload::run, "spinj-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            String lock = System.getenv(TriggerApp.LOCKED_URL);
            if (lock != null && lock.startsWith("file:")) {
                LockFiles.read(Path.of(URI.create(lock)));
            }
        } catch (Exception | LinkageError e) {
            // the main thread reads the lock again and reports what is wrong with it
        }
        ClassLoader loader = TriggerPreload.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (Exception | LinkageError e) {
                // a class the trigger does not get to (or cannot load) is the main thread's business
            }
        }
    }
}
