package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import dev.spinj.cm.binary.ComponentFormatException;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.Dependency;
import dev.spinj.cm.runtime.LinkException;
import dev.spinj.cm.runtime.LinkedGuest;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostLinker;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.wasi.WasiContext;
import dev.spinj.wasm.wasi.WasiContexts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A component ready to run: compiled module, checked imports, resolved mounts. Each
 * {@link #instantiate} makes a fresh, isolated instance; this object is shared across threads.
 */
public final class ComponentPre {
    private final LockedComponent component;
    private final WasiContexts wasiContexts;
    /** The Spin 1.x shape: a core module with its checked imports; null for a Spin 2+ guest. */
    private final CompiledModule compiled;
    private final HostLinker.ImportPlan imports;
    private final AbiFlavor allocatorFlavor;
    /** The Spin 2+ shape: makes a linked instance; null for a 1.x module. */
    private final Supplier<ComponentInstance> linked;
    private final Set<String> componentExports;

    /** A Spin 1.x core module. */
    ComponentPre(LockedComponent component, CompiledModule compiled, HostLinker linker, boolean writableMounts)
            throws ComponentLoadException {
        this.component = component;
        this.wasiContexts = wasiContexts(component, mounts(component), writableMounts);
        this.compiled = compiled;
        this.imports = linker.plan(compiled.module(), component.id());
        this.allocatorFlavor = AbiFlavor.forAllocator(compiled.exports());
        this.linked = null;
        this.componentExports = Set.of();
    }

    /**
     * A Spin 2+ guest: a component, or a core module with {@code component-type} sections linked
     * as the component {@code componentNew} would make of it (SPEC2 §1.2), checked against every
     * host interface once here (an import nothing provides fails startup, as in Spin).
     */
    ComponentPre(LockedComponent component, byte[] wasm, GuestFormat format, WasmEngine engine, boolean writableMounts,
            HostServices services) throws ComponentLoadException {
        this.component = component;
        List<WasiContexts.Mount> mounts = mounts(component);
        this.wasiContexts = wasiContexts(component, mounts, writableMounts);
        this.compiled = null;
        this.imports = null;
        this.allocatorFlavor = null;
        Linker linker = ComponentHost.linker(component, mounts, writableMounts, wasiContexts, new CompiledCoreModules(engine), services);
        List<Dependency> dependencies = ComponentDependencies.link(component, linker);
        LinkedGuest guest;
        try {
            guest = ComponentHost.link(linker, wasm, format, component.id(), dependencies);
        } catch (ComponentFormatException | LinkException e) {
            throw new ComponentLoadException(e.getMessage(), e);
        }
        this.linked = guest::instantiate;
        this.componentExports = Set.copyOf(guest.type().exports().keySet());
    }

    private static List<WasiContexts.Mount> mounts(LockedComponent component) throws ComponentLoadException {
        List<WasiContexts.Mount> mounts = new ArrayList<>();
        for (ContentPath file : component.files()) {
            try {
                mounts.add(new WasiContexts.Mount(file.path(), file.content().localPath()));
            } catch (IllegalStateException e) {
                throw new ComponentLoadException("Component '" + component.id() + "': cannot mount " + file.path()
                        + ": " + e.getMessage());
            }
        }
        return mounts;
    }

    private static WasiContexts wasiContexts(LockedComponent component, List<WasiContexts.Mount> mounts, boolean writableMounts)
            throws ComponentLoadException {
        try {
            return new WasiContexts(component.env(), mounts, writableMounts);
        } catch (IOException e) {
            throw new ComponentLoadException("Component '" + component.id() + "': cannot mount its files", e);
        }
    }

    public String id() {
        return component.id();
    }

    public LockedComponent component() {
        return component;
    }

    /** Whether this is a Spin 2+ guest, run with {@link #instantiateComponent}; else a 1.x module run with {@link #instantiate}. */
    public boolean isComponent() {
        return linked != null;
    }

    /** A 1.x module's core exports (empty for a Spin 2+ guest). */
    public Set<String> exports() {
        return compiled == null ? Set.of() : compiled.exports();
    }

    /** A Spin 2+ guest's component-level exports, e.g. {@code wasi:http/incoming-handler@0.2.0} (empty for a 1.x module). */
    public Set<String> componentExports() {
        return componentExports;
    }

    public GuestInstance instantiate(WasiInvocation invocation) {
        if (compiled == null) {
            throw new IllegalStateException("component '" + component.id() + "' is a Spin 2+ guest: use instantiateComponent");
        }
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

    /**
     * A fresh instance of a Spin 2+ guest serving {@code invocation}: its core modules start from
     * their compiled code and copy-on-write memory images, and host calls find the invocation's
     * stdio through the instance's host context.
     *
     * @throws GuestTrapException when instantiation traps (a start function, {@code _initialize})
     */
    public ComponentGuest instantiateComponent(WasiInvocation invocation) {
        if (linked == null) {
            throw new IllegalStateException("component '" + component.id() + "' is a Spin 1.x module: use instantiate");
        }
        HostContext context = new HostContext(component, invocation);
        try (var scope = context.enter()) {
            return new ComponentGuest(component.id(), linked.get(), context);
        } catch (RuntimeException | StackOverflowError e) {
            context.close();
            throw new GuestTrapException(component.id(), "instantiation", e);
        }
    }
}
