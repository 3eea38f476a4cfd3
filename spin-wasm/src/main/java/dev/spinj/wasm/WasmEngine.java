package dev.spinj.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import dev.spinj.wasm.memory.MemoryFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and compiles modules to JVM bytecode with Chicory's runtime compiler, once per distinct
 * module content: apps that run many components from one file compile it once (CONFIRMED.md).
 * Functions too large for a JVM method fall back to the interpreter, one by one.
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
        var compiler = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.WARN);
        if (cache != null) {
            compiler.withCache(cache);
        }
        Function<Instance, Machine> factory;
        try (var progress = new CompileProgress(what, describe(module), cacheDir == null ? null : cacheDir.toString(),
                LOG::info, PROGRESS_QUIET_MILLIS, PROGRESS_EVERY_MILLIS)) {
            factory = compiler.compile();
        }
        LOG.debug("compiled {} in {} ms", what, (System.nanoTime() - start) / 1_000_000);
        Set<String> exports = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            exports.add(e.name());
        }
        CompiledModule compiled = new CompiledModule(module, factory, Set.copyOf(exports), memory);
        CompiledModule raced = modules.putIfAbsent(digest, compiled);
        return raced == null ? compiled : raced;
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
