package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.runtime.CoreModuleEngine;
import dev.spinj.cm.runtime.LinkException;

/**
 * The core modules of components run like Spin 1.x modules: compiled once by the {@link
 * WasmEngine} (through its compile cache when it has one), each instance starting from the
 * module's copy-on-write memory image, capped at the per-instance memory limit.
 */
public final class CompiledCoreModules implements CoreModuleEngine {
    private final WasmEngine engine;

    public CompiledCoreModules(WasmEngine engine) {
        this.engine = engine;
    }

    /**
     * A module of the same content as one compiled before (the same component linked again, or
     * two components sharing a core module) reuses that compilation and its module.
     *
     * @throws LinkException when the module's initial memory exceeds the per-instance limit
     */
    @Override
    public Prepared prepare(WasmModule module, String what) {
        CompiledModule compiled;
        try {
            compiled = engine.compile(module, what);
        } catch (ComponentLoadException e) {
            throw new LinkException(e.getMessage(), e);
        }
        return new Prepared(compiled.module(),
                builder -> builder.withMachineFactory(compiled.machineFactory()).withMemoryFactory(compiled.memory()).build());
    }
}
