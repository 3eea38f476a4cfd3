package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.wasm.memory.MemoryFactory;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * A parsed module with its compiled machine factory and its instances' memory (prepared image,
 * per-instance cap): built once, instantiated per request.
 *
 * @param interpretedFunctions the functions (module indices) the compiler left to the interpreter
 */
public record CompiledModule(
        WasmModule module,
        Function<Instance, Machine> machineFactory,
        Set<String> exports,
        MemoryFactory memory,
        SortedSet<Integer> interpretedFunctions) {}
