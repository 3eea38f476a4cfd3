package dev.spinj.cm.runtime;

import dev.spinj.cm.types.ComponentType;

/**
 * Something linked once that makes component instances: a {@link LinkedComponent}, or a {@link
 * LinkedCoreModule} standing for the component {@code componentNew} would make of it. Either
 * can be plugged into another component as a {@link Dependency}.
 */
public sealed interface LinkedGuest permits LinkedComponent, LinkedCoreModule {
    /** What the guest imports and exports, as a component. */
    ComponentType type();

    /** A fresh instance; may be called from any thread. */
    ComponentInstance instantiate();
}
