package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * How the core modules of a linked component (or a {@link LinkedCoreModule}) are turned into
 * instances. The embedder sees each parsed core module once, at link time, so it can do the
 * expensive work there (compile it, prepare its initial memory) and keep every {@code
 * instantiate()} cheap.
 */
@FunctionalInterface
public interface CoreModuleEngine {
    /** Chicory's interpreter and its default memory: {@code Instance.Builder.build()} as is. */
    CoreModuleEngine INTERPRETER = (module, what) -> new Prepared(module, Instance.Builder::build);

    /**
     * A core module ready to instantiate.
     *
     * @param module the module instances are built from: the one given to {@link #prepare} or one
     *     of the same content the engine prepared before (a compiled machine serves only the
     *     module object it was compiled from)
     * @param build builds each instance from a builder of {@code module} that already holds the
     *     instance's imports; called for every instance, from any thread
     */
    record Prepared(WasmModule module, Function<Instance.Builder, Instance> build) {}

    /**
     * Prepares {@code module} once, at link time.
     *
     * @param what names the module (and its component) in errors
     * @throws LinkException when the module cannot be prepared
     */
    Prepared prepare(WasmModule module, String what);
}
