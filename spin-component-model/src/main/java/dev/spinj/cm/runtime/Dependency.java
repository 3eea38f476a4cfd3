package dev.spinj.cm.runtime;

import java.util.Objects;

/**
 * A component plugged into another's imports, as {@code wac plug} and Spin's
 * {@code [component.x.dependencies]} do: {@link Linker#link(dev.spinj.cm.binary.Component,
 * String, java.util.List)} gives every import that {@code name} matches (see {@link
 * DependencyName}: a plain name, {@code ns:pkg}, {@code ns:pkg/iface}, with or without
 * {@code @version}) the export {@code export} of {@code component}, or, when {@code export} is
 * null, the export named like the import. Each instance of the main component gets a fresh
 * instance of {@code component}, linked as {@code component} was.
 *
 * @param name the dependency's name, matched against import names and used in errors
 * @param component the dependency (a component or a core module with a {@code component-type}
 *     section), linked against its own imports
 * @param export the export that satisfies the matched import, or null for the import's own name
 */
public record Dependency(String name, LinkedGuest component, String export) {
    public Dependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
    }
}
