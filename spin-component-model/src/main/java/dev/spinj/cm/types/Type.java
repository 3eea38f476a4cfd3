package dev.spinj.cm.types;

/** Anything that can sit in a component's type index space. */
public sealed interface Type permits ValType, FuncType, InstanceType, ComponentType, ResourceType {}
