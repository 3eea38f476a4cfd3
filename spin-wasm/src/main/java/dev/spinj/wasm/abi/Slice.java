package dev.spinj.wasm.abi;

/** A {@code (ptr, len)} pair as strings and lists flatten to; {@code len} counts elements. */
public record Slice(int ptr, int len) {}
