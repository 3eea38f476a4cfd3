package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.wasm.memory.MemoryFactory;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed module with its compiled machine factory and its instances' memory (prepared image,
 * per-instance cap): built once, instantiated per request.
 */
public record CompiledModule(
        WasmModule module, Function<Instance, Machine> machineFactory, Set<String> exports, MemoryFactory memory) {}
