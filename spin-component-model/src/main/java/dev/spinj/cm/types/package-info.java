/**
 * The component model's type model: value types, function types, resource types, instance and
 * component types ({@link dev.spinj.cm.types.ExternType}), and {@link
 * dev.spinj.cm.types.Subtyping} for checking what a host or another component provides against
 * what an import declares.
 *
 * <p>Value types are immutable records compared structurally; {@link
 * dev.spinj.cm.types.ResourceType}s are compared by identity, because every resource
 * definition (and every {@code (sub resource)} import) is a fresh, distinct type.
 */
package dev.spinj.cm.types;
