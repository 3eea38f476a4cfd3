package dev.spinj.cm.binary;

/** A custom section ({@code component-name}, {@code producers}, ...): its name, offset and payload. */
public record CustomSection(String name, int offset, byte[] payload) {}
