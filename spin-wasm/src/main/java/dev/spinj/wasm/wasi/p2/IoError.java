package dev.spinj.wasm.wasi.p2;

import java.io.IOException;

/**
 * What a {@code wasi:io/error} stands for: the text {@code to-debug-string} gives, and the I/O
 * failure behind it when there was one, so {@code wasi:filesystem}'s {@code
 * filesystem-error-code} can tell its error code.
 */
record IoError(String debug, IOException cause) {}
