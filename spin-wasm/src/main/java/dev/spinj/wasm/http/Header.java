package dev.spinj.wasm.http;

/** One {@code tuple<string, string>} of a Spin {@code headers} list: a name and one value. */
public record Header(String name, String value) {}
