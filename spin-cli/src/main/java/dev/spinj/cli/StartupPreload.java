package dev.spinj.cli;

import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Start-up work that does not depend on the command's flags, done on a second thread while the
 * main one has picocli build and parse the command: initialising the parsers and serializers the
 * command needs next, and loading the classes of its later steps. The main thread then finds them
 * ready instead of doing each in turn; a JVM's start-up is otherwise one thread's work with a
 * second core idle. Nothing here changes what the command does: a failure is left for the main
 * thread to meet and report where it happens.
 */
final class StartupPreload {
    /** What {@code spin trigger http} needs after its flags: Netty's epoll transport (and native library), the HTTP codec, Chicory. */
    private static final List<String> TRIGGER_CLASSES = List.of(
            "io.netty.channel.epoll.Epoll",
            "io.netty.buffer.PooledByteBufAllocator",
            "io.netty.bootstrap.ServerBootstrap",
            "io.netty.handler.codec.http.HttpServerCodec",
            "io.netty.handler.codec.http.DefaultFullHttpResponse",
            "com.dylibso.chicory.wasm.Parser",
            "com.dylibso.chicory.runtime.Instance",
            "com.dylibso.chicory.compiler.internal.ClassLoadingCollector");

    private StartupPreload() {}

    /** For {@code spin trigger http}: the lock (Jackson's deserializers for its records), then the classes. */
    static void forHttpTrigger() {
        start(() -> {
            String lock = System.getenv(TriggerApp.LOCKED_URL);
            if (lock != null && lock.startsWith("file:")) {
                LockFiles.read(Path.of(URI.create(lock)));
            }
            TRIGGER_CLASSES.forEach(StartupPreload::load);
        });
    }

    /** For {@code spin up}: the TOML parser (ANTLR) that reads the manifest, Jackson's serializers for the lock. */
    static void forUp() {
        start(() -> {
            org.tomlj.Toml.parse("spin_manifest_version = 2\n[application]\nname = \"preload\"\n");
            LockFiles.toJson(new LockedApp(1, Map.of(), Map.of(), List.of(), List.of()));
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void start(Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Exception | LinkageError e) {
                // the main thread does the real work and reports what goes wrong there
            }
        }, "spinj-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void load(String className) {
        try {
            Class.forName(className, true, StartupPreload.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // a class the command does not get to (or cannot load) is the main thread's business
        }
    }
}
