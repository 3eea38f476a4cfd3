/**
 * Decoding of component binaries (Binary.md, version 0x0d, layer 1): {@link
 * dev.spinj.cm.binary.ComponentParser#parse(byte[])} gives a {@link
 * dev.spinj.cm.binary.Component} whose definitions are in binary order and whose {@link
 * dev.spinj.cm.binary.IndexSpaces} were built per scope as the spec describes, with types
 * already resolved into {@link dev.spinj.cm.types}. {@link
 * dev.spinj.cm.binary.ComponentTypeSection} decodes the {@code component-type} custom sections
 * of core modules. Every failure is a {@link dev.spinj.cm.binary.ComponentFormatException}
 * naming the byte offset and what was expected.
 */
package dev.spinj.cm.binary;
