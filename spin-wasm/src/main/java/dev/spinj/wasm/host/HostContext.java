package dev.spinj.wasm.host;

import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.abi.CanonicalAbi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a host import needs to know about the instance that called it: the component, its
 * memory and allocator, and per-instance resources (store and connection handles) that are
 * released when the instance is dropped.
 *
 * <p>Chicory hands host functions only the {@code Instance}; the context travels on the calling
 * thread instead, set by {@code GuestInstance} around every guest call. That keeps the host
 * functions themselves shared, built once per app.
 */
public final class HostContext implements AutoCloseable {
    private static final ThreadLocal<HostContext> ACTIVE = new ThreadLocal<>();

    private final LockedComponent component;
    private final WasiInvocation invocation;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<Object, Object> state = new HashMap<>();
    private CanonicalAbi abi;

    /** @param invocation the WASI view of the event this instance serves (stdio, args, extra env) */
    public HostContext(LockedComponent component, WasiInvocation invocation) {
        this.component = component;
        this.invocation = invocation;
    }

    /** Attaches the instance's memory once it exists; imports called before that (a start function) fail. */
    public void bind(CanonicalAbi abi) {
        this.abi = abi;
    }

    public static HostContext current() {
        HostContext context = ACTIVE.get();
        if (context == null) {
            throw new IllegalStateException("host function called outside a guest call");
        }
        return context;
    }

    /** Makes this the context of host calls on this thread until the returned scope closes. */
    public Scope enter() {
        HostContext previous = ACTIVE.get();
        ACTIVE.set(this);
        return () -> ACTIVE.set(previous);
    }

    public String componentId() {
        return component.id();
    }

    public LockedComponent component() {
        return component;
    }

    /** Stdio, arguments and extra environment of the event this instance serves. */
    public WasiInvocation invocation() {
        return invocation;
    }

    public CanonicalAbi abi() {
        if (abi == null) {
            throw new IllegalStateException("component " + component.id() + " called a Spin import before instantiation finished");
        }
        return abi;
    }

    /**
     * Per-instance state of one host interface (its handle table, say), created on first use and
     * released with the instance when it is {@link AutoCloseable}.
     */
    public <T> T state(Object key, Supplier<T> create) {
        @SuppressWarnings("unchecked")
        T value = (T) state.get(key);
        if (value == null) {
            value = create.get();
            state.put(key, value);
            if (value instanceof AutoCloseable closeable) {
                resources.add(closeable);
            }
        }
        return value;
    }

    /** Registers something to release when the instance is dropped (open stores, connections). */
    public void onClose(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(HostContext.class)
                        .warn("Component {}: failed to release a host resource: {}", component.id(), e.toString());
            }
        }
        resources.clear();
    }

    /** Restores the previous context; never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
