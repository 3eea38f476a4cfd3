package dev.spinj.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses and compiles modules to JVM bytecode with Chicory's runtime compiler, once per distinct
 * module content: apps that run many components from one file compile it once (CONFIRMED.md).
 * Functions too large for a JVM method fall back to the interpreter, one by one.
 */
public final class WasmEngine {
    private final Map<String, CompiledModule> modules = new ConcurrentHashMap<>();

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
            throw new ComponentLoadException(what + " is not a valid core wasm module" + componentHint(wasm), e);
        }
        var factory = MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.WARN)
                .compile();
        Set<String> exports = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            exports.add(e.name());
        }
        CompiledModule compiled = new CompiledModule(module, factory, Set.copyOf(exports));
        CompiledModule raced = modules.putIfAbsent(digest, compiled);
        return raced == null ? compiled : raced;
    }

    /** Spin 2+ guests are components (binary version 0x0d); say so instead of a bare parse error. */
    private static String componentHint(byte[] wasm) {
        boolean component = wasm.length >= 8 && wasm[4] == 0x0d && wasm[6] == 0x01;
        return component ? " (it is a WebAssembly component, as built by Spin 2+ SDKs; only Spin 1.x core modules are supported)" : "";
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
