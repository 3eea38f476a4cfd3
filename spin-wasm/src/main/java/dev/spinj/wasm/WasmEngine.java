package dev.spinj.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import dev.spinj.wasm.memory.MemoryFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and compiles modules to JVM bytecode with Chicory's runtime compiler, once per distinct
 * module content: apps that run many components from one file compile it once (CONFIRMED.md).
 * Functions too large for a JVM method fall back to the interpreter, one by one, and every start
 * logs which (see {@link InterpretedFunctions}). Chicory's compiler is driven through its internal
 * API (pinned version, 1.7.5) because its public builder neither reports those functions nor keeps
 * them in its cache: it prints a bare index to stderr on the first compile only.
 */
public final class WasmEngine {
    private static final Logger LOG = LoggerFactory.getLogger(WasmEngine.class);

    /** A compilation (or cache load) shorter than this prints nothing. */
    private static final long PROGRESS_QUIET_MILLIS = 2_000;
    private static final long PROGRESS_EVERY_MILLIS = 10_000;

    private final Map<String, CompiledModule> modules = new ConcurrentHashMap<>();
    private final long maxInstanceMemoryBytes;
    private final CompileCache cache;
    private final Path cacheDir;

    /**
     * @param maxInstanceMemoryBytes the most memory one instance may grow to
     * @param compileCacheDir where compiled modules persist across restarts; null for none
     */
    public WasmEngine(long maxInstanceMemoryBytes, Path compileCacheDir) {
        this.maxInstanceMemoryBytes = maxInstanceMemoryBytes;
        this.cache = compileCacheDir == null ? null : new CompileCache(compileCacheDir);
        this.cacheDir = compileCacheDir;
    }

    public CompiledModule compile(byte[] wasm, String what) throws ComponentLoadException {
        String digest = sha256(wasm);
        CompiledModule cached = modules.get(digest);
        if (cached != null) {
            return cached;
        }
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException e) {
            throw new ComponentLoadException(what + " is not a valid core wasm module", e);
        }
        return compile(digest, module, what);
    }

    /**
     * A module already parsed (a component's core module), compiled once per content like
     * {@link #compile(byte[], String)}.
     *
     * @throws ComponentLoadException when its initial memory exceeds the per-instance limit
     */
    public CompiledModule compile(WasmModule module, String what) throws ComponentLoadException {
        String digest = module.digest();
        CompiledModule cached = modules.get(digest);
        return cached != null ? cached : compile(digest, module, what);
    }

    private CompiledModule compile(String digest, WasmModule module, String what) throws ComponentLoadException {
        // refused before compiling: a module asking for more memory than an instance may have never runs
        MemoryFactory memory = MemoryFactory.forModule(module, maxInstanceMemoryBytes, what);
        long start = System.nanoTime();
        CompileCache.Entry cached = cache == null ? null : cache.get(module.digest());
        ClassLoadingCollector classes;
        SortedSet<Integer> interpreted;
        try (var progress = new CompileProgress(what, describe(module), cacheDir == null ? null : cacheDir.toString(),
                LOG::info, PROGRESS_QUIET_MILLIS, PROGRESS_EVERY_MILLIS)) {
            if (cached != null) {
                classes = cached.load();
                interpreted = cached.interpretedFunctions();
            } else {
                CompilerResult result = compileClasses(module, what);
                classes = (ClassLoadingCollector) result.collector();
                interpreted = new TreeSet<>(result.interpretedFunctions());
                keep(module, new CompileCache.Entry(classes.mainClassName(), classes.classBytes(), interpreted), what);
            }
        }
        var factory = new MachineFactory(module, classes.machineFactory());
        LOG.debug("{} {} in {} ms", cached != null ? "loaded compiled" : "compiled", what, (System.nanoTime() - start) / 1_000_000);
        InterpretedFunctions.log(module, interpreted, what);
        Set<String> exports = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            exports.add(e.name());
        }
        CompiledModule result = new CompiledModule(module, factory, Set.copyOf(exports), memory,
                Collections.unmodifiableSortedSet(interpreted));
        CompiledModule raced = modules.putIfAbsent(digest, result);
        return raced == null ? result : raced;
    }

    /**
     * Compiles every function that fits a JVM method; the rest (too big) run on Chicory's
     * interpreter inside the compiled machine, and are returned so that each start can say so.
     */
    private static CompilerResult compileClasses(WasmModule module, String what) throws ComponentLoadException {
        try {
            return Compiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.SILENT)
                    .withClassCollectorFactory(ClassLoadingCollector::new)
                    .build()
                    .compile();
        } catch (ChicoryException e) {
            throw new ComponentLoadException(what + " could not be compiled: " + e.getMessage(), e);
        }
    }

    private void keep(WasmModule module, CompileCache.Entry entry, String what) {
        if (cache == null) {
            return;
        }
        try {
            cache.putIfAbsent(module.digest(), entry);
        } catch (IOException e) {
            LOG.warn("could not keep the compiled {} in the compile cache: {}", what, e.toString());
        }
    }

    private static String describe(WasmModule module) {
        return String.format("%,d functions", module.functionSection().functionCount());
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
