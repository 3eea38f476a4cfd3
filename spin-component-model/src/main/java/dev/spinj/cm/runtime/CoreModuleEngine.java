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
    CoreModuleEngine INTERPRETER = (module, what) -> Instance.Builder::build;

    /**
     * Prepares {@code module} once, at link time.
     *
     * @param what names the module (and its component) in errors
     * @return what builds each instance of {@code module} from a builder that already holds the
     *     instance's imports; called for every instance, from any thread
     * @throws LinkException when the module cannot be prepared
     */
    Function<Instance.Builder, Instance> prepare(WasmModule module, String what);
}
