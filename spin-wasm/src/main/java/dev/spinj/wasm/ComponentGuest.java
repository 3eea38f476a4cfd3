package dev.spinj.wasm;

import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.wasm.host.HostContext;
import java.util.function.Function;

/**
 * One live instance of a Spin 2+ guest (a component, or a core module linked as one) serving one
 * event, on one thread at a time. Close it when done: that releases every host resource the
 * guest still holds (streams, stores, connections), trapped or not.
 */
public final class ComponentGuest implements AutoCloseable {
    private final String componentId;
    private final ComponentInstance instance;
    private final HostContext context;

    ComponentGuest(String componentId, ComponentInstance instance, HostContext context) {
        this.componentId = componentId;
        this.instance = instance;
        this.context = context;
    }

    public String componentId() {
        return componentId;
    }

    /**
     * Runs {@code body} against the instance with host calls bound to it.
     *
     * @param what names the call in errors (usually the export)
     * @throws GuestTrapException for any failure inside, naming the component and {@code what}
     */
    public <T> T call(String what, Function<ComponentInstance, T> body) {
        try (var scope = context.enter()) {
            return body.apply(instance);
        } catch (RuntimeException | StackOverflowError e) {
            throw new GuestTrapException(componentId, what, e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
