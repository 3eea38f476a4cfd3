package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function Chicory's compiler refuses runs on the interpreter, and every start says which and why. */
class InterpretedFunctionsTest {
    private static final int REPETITIONS = 40_000;
    private static final int HUGE_INDEX = 1;

    @TempDir
    Path cacheDir;

    private static byte[] hugeModule() throws IOException {
        return WatGuests.compile("huge-function", "HUGE_BODY", "i32.const 3 i32.add\n".repeat(REPETITIONS));
    }

    private static long call(CompiledModule compiled, String export, long... args) {
        Instance instance = Instance.builder(compiled.module()).withMachineFactory(compiled.machineFactory()).build();
        return instance.export(export).apply(args)[0];
    }

    @Test
    void aFunctionTooBigForAJvmMethodRunsInterpretedAndGivesTheRightResult() throws Exception {
        CompiledModule compiled = new WasmEngine(1 << 20, null).compile(hugeModule(), "huge.wasm");

        assertEquals(Set.of(HUGE_INDEX), compiled.interpretedFunctions());
        assertEquals(5 + 3L * REPETITIONS, call(compiled, "huge", 5));
        assertEquals(7, call(compiled, "small"));
    }

    @Test
    void theCompileCacheKeepsWhichFunctionsRunInterpreted() throws Exception {
        byte[] wasm = hugeModule();
        new WasmEngine(1 << 20, cacheDir).compile(wasm, "huge.wasm");

        CompiledModule fromCache = new WasmEngine(1 << 20, cacheDir).compile(wasm, "huge.wasm");

        assertEquals(Set.of(HUGE_INDEX), fromCache.interpretedFunctions());
        assertEquals(3L * REPETITIONS, call(fromCache, "huge", 0));
    }

    @Test
    void eachStartLogsTheInterpretedFunctionWithTheReason() throws Exception {
        byte[] wasm = hugeModule();
        new WasmEngine(1 << 20, cacheDir).compile(wasm, "huge.wasm");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new WasmEngine(1 << 20, cacheDir).compile(wasm, "huge.wasm"); // a restart: from the cache
        } finally {
            System.setErr(original);
        }

        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("huge.wasm: wasm function 1 runs interpreted"), log);
        assertTrue(log.contains("64 KiB bytecode limit"), log);
    }
}
