package dev.spinj.cm.binary;

import dev.spinj.cm.types.Type;

/** A type section entry (value, function, instance, component or resource type), already resolved. */
public record TypeDefinition(Type type) implements Definition {}
