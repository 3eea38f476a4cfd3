package dev.spinj.cm.binary;

import dev.spinj.cm.types.ExternType;

/** A component export: {@code item} under {@code name}; {@code type} is the ascribed or inferred type. */
public record Export(ExternName name, SortIndex item, ExternType type) implements Definition {}
