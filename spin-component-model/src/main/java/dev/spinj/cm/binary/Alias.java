package dev.spinj.cm.binary;

/** An alias definition: a new index for an existing item. */
public sealed interface Alias extends Definition {
    /** The index space the alias adds to. */
    Sort sort();

    /** {@code (alias export instance "name" (sort))}: an export of a component instance. */
    record InstanceExport(Sort sort, int instance, String name) implements Alias {}

    /** {@code (alias core export instance "name" (core sort))}: an export of a core instance. */
    record CoreInstanceExport(Sort sort, int instance, String name) implements Alias {}

    /** {@code (alias outer count index (sort))}: item {@code index} of the scope {@code count} levels out. */
    record Outer(Sort sort, int count, int index) implements Alias {}
}
