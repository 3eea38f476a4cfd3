package dev.spinj.cm.binary;

import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ResourceType;

/** A canonical definition (sync subset). */
public sealed interface Canon extends Definition {
    /** {@code canon lift}: core func {@code coreFunc} becomes a component func of type {@code type}. */
    record Lift(int coreFunc, CanonOptions options, int typeIndex, FuncType type) implements Canon {}

    /** {@code canon lower}: component func {@code func} (of type {@code type}) becomes a core func. */
    record Lower(int func, CanonOptions options, FuncType type) implements Canon {}

    /** {@code canon resource.new}: core {@code (i32 rep) -> i32 handle}. */
    record ResourceNew(int typeIndex, ResourceType resource) implements Canon {}

    /** {@code canon resource.drop}: core {@code (i32 handle) -> ()}. */
    record ResourceDrop(int typeIndex, ResourceType resource) implements Canon {}

    /** {@code canon resource.rep}: core {@code (i32 handle) -> i32 rep}. */
    record ResourceRep(int typeIndex, ResourceType resource) implements Canon {}
}
