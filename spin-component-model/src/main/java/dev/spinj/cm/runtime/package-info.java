/**
 * Linking and instantiating components on Chicory. A {@link dev.spinj.cm.runtime.Linker}
 * holds host instances (matched to imports by interface name on the semver track) and links a
 * parsed {@link dev.spinj.cm.binary.Component} once into a {@link
 * dev.spinj.cm.runtime.LinkedComponent}: imports type-checked, core modules parsed, every
 * lift and lower planned. {@link dev.spinj.cm.runtime.LinkedComponent#instantiate()} then runs
 * the component's definitions (core instantiations, aliases, canon lift/lower/resource.*,
 * nested components) for a fresh {@link dev.spinj.cm.runtime.ComponentInstance}. {@link
 * dev.spinj.cm.runtime.Linker#linkCoreModule} does the same for a core module carrying a {@code
 * component-type} section, as the component {@code componentNew} would make of it.
 */
package dev.spinj.cm.runtime;
