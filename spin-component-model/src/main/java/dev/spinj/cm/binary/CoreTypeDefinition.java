package dev.spinj.cm.binary;

/** A core type definition: a {@link dev.spinj.cm.types.CoreFuncType} or {@link dev.spinj.cm.types.CoreModuleType}. */
public record CoreTypeDefinition(Object type) implements Definition {}
