package dev.spinj.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostLinker;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
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
    private final HostLinker linker;
    private final List<Mount> mounts;
    private final AbiFlavor allocatorFlavor;
    private final boolean writableMounts;

    private record Mount(String guestPath, Path hostPath) {}

    ComponentPre(LockedComponent component, CompiledModule compiled, HostLinker linker, boolean writableMounts)
            throws ComponentLoadException {
        this.component = component;
        this.writableMounts = writableMounts;
        this.compiled = compiled;
        this.linker = linker;
        linker.check(compiled.module(), component.id());
        List<Mount> m = new ArrayList<>();
        for (ContentPath file : component.files()) {
            try {
                m.add(new Mount(file.path(), file.content().localPath()));
            } catch (IllegalStateException e) {
                throw new ComponentLoadException("Component '" + component.id() + "': cannot mount " + file.path()
                        + ": " + e.getMessage());
            }
        }
        this.mounts = List.copyOf(m);
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
        WasiOptions.Builder options = WasiOptions.builder()
                .withArguments(invocation.args())
                .withStdin(new ByteArrayInputStream(invocation.stdin()))
                .withStdout(invocation.stdout())
                .withStderr(invocation.stderr());
        invocation.env().forEach(options::withEnvironment);
        component.env().forEach(options::withEnvironment);
        for (Mount mount : mounts) {
            options.withDirectory(mount.guestPath(), mount.hostPath());
        }
        WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build();
        HostContext context = new HostContext(component);
        try (var scope = context.enter()) {
            Instance instance = Instance.builder(compiled.module())
                    .withImportValues(linker.imports(wasi, writableMounts))
                    .withMachineFactory(compiled.machineFactory())
                    .withMemoryFactory(compiled.memory())
                    .withStart(false)
                    .build();
            context.bind(new CanonicalAbi(instance, compiled.exports(), allocatorFlavor));
            return new GuestInstance(component.id(), compiled.exports(), instance, wasi, context);
        } catch (RuntimeException | StackOverflowError e) {
            wasi.close();
            context.close();
            throw new GuestTrapException(component.id(), "instantiation", e);
        }
    }
}
