package dev.spinj.wasm.host;

/** The body of one host import: core arguments in, core results out (null for none). */
@FunctionalInterface
public interface HostCall {
    long[] call(HostContext context, long[] args);
}
