package dev.spinj.cm.binary;

/**
 * One definition of a component, in binary order. Each adds one entry to an index space of its
 * scope (see {@link IndexSpaces}); a linker runs them in order.
 */
public sealed interface Definition
        permits CoreModule, CoreInstance, CoreTypeDefinition, Component, Instance, Alias, TypeDefinition,
                Canon, Import, Export {}
