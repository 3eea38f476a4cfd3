package dev.spinj.wasm.wasi.p2;

import java.nio.file.Path;

/**
 * One {@code files} mount as {@code wasi:filesystem/preopens} offers it.
 *
 * @param guestPath where the guest sees it (usually {@code /})
 * @param root the mounted directory on its confined file system, so no path under it escapes
 */
record Preopen(String guestPath, Path root) {}
