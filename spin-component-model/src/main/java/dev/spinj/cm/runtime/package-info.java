/**
 * Linking and instantiating components on Chicory. A {@link dev.spinj.cm.runtime.Linker}
 * holds host instances (matched to imports by interface name on the semver track) and links a
 * parsed {@link dev.spinj.cm.binary.Component} once into a {@link
 * dev.spinj.cm.runtime.LinkedComponent}: imports type-checked, core modules parsed, every
 * lift and lower planned. {@link dev.spinj.cm.runtime.LinkedComponent#instantiate()} then runs
 * the component's definitions (core instantiations, aliases, canon lift/lower/resource.*,
 * nested components) for a fresh {@link dev.spinj.cm.runtime.ComponentInstance}. {@link
 * dev.spinj.cm.runtime.Linker#linkCoreModule} does the same for a core module carrying a {@code
 * component-type} section, as the component {@code componentNew} would make of it. {@link
 * dev.spinj.cm.runtime.Linker#link(dev.spinj.cm.binary.Component, String, java.util.List)} plugs
 * {@link dev.spinj.cm.runtime.Dependency dependencies} into a component's imports, as a
 * composition made with {@code wac plug} would: a fresh instance of each per instance.
 */
package dev.spinj.cm.runtime;
