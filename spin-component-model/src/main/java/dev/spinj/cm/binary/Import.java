package dev.spinj.cm.binary;

import dev.spinj.cm.types.ExternType;

/** A component import with its declared type. */
public record Import(ExternName name, ExternType type) implements Definition {}
