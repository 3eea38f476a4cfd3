package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostLinker;
import dev.spinj.wasm.wasi.WasiContext;
import dev.spinj.wasm.wasi.WasiContexts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A component ready to run: compiled module, checked imports, resolved mounts. Each
 * {@link #instantiate} makes a fresh, isolated instance; this object is shared across threads.
 */
public final class ComponentPre {
    private final LockedComponent component;
    private final CompiledModule compiled;
    private final HostLinker.ImportPlan imports;
    private final WasiContexts wasiContexts;
    private final AbiFlavor allocatorFlavor;

    ComponentPre(LockedComponent component, CompiledModule compiled, HostLinker linker, boolean writableMounts)
            throws ComponentLoadException {
        this.component = component;
        this.compiled = compiled;
        this.imports = linker.plan(compiled.module(), component.id());
        List<WasiContexts.Mount> mounts = new ArrayList<>();
        for (ContentPath file : component.files()) {
            try {
                mounts.add(new WasiContexts.Mount(file.path(), file.content().localPath()));
            } catch (IllegalStateException e) {
                throw new ComponentLoadException("Component '" + component.id() + "': cannot mount " + file.path()
                        + ": " + e.getMessage());
            }
        }
        try {
            this.wasiContexts = new WasiContexts(component.env(), mounts, writableMounts);
        } catch (IOException e) {
            throw new ComponentLoadException("Component '" + component.id() + "': cannot mount its files", e);
        }
        this.allocatorFlavor = AbiFlavor.forAllocator(compiled.exports());
    }

    public String id() {
        return component.id();
    }

    public LockedComponent component() {
        return component;
    }

    public Set<String> exports() {
        return compiled.exports();
    }

    public GuestInstance instantiate(WasiInvocation invocation) {
        WasiContext wasi = wasiContexts.acquire(invocation);
        HostContext context = new HostContext(component, invocation);
        try (var scope = context.enter()) {
            Instance instance = Instance.builder(compiled.module())
                    .withImportValues(HostLinker.imports(imports, wasi.functions()))
                    .withMachineFactory(compiled.machineFactory())
                    .withMemoryFactory(compiled.memory())
                    .withStart(false)
                    .build();
            context.bind(new CanonicalAbi(instance, compiled.exports(), allocatorFlavor));
            return new GuestInstance(component.id(), compiled.exports(), instance, context,
                    () -> wasiContexts.release(wasi));
        } catch (RuntimeException | StackOverflowError e) {
            wasi.close();
            context.close();
            throw new GuestTrapException(component.id(), "instantiation", e);
        }
    }
}
