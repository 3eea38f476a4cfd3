package dev.spinj.cm.binary;

/**
 * One entry of an index space: the definition that introduced it and, where known, its type.
 * The type is a {@link dev.spinj.cm.types.Type} for the component sorts (the type itself in the
 * type space; a FuncType, InstanceType or ComponentType otherwise), a core type for the core
 * type space, a {@link dev.spinj.cm.types.CoreModuleType} for imported core modules, and null
 * for core items whose type Chicory determines at link time.
 */
public record IndexEntry(Definition definition, Object type) {}
