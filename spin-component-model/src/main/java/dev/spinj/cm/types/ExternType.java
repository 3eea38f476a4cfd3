package dev.spinj.cm.types;

/** The type of something a component imports or exports ({@code externtype} in Binary.md). */
public sealed interface ExternType permits FuncType, InstanceType, ComponentType, CoreModuleType, TypeBound {}
