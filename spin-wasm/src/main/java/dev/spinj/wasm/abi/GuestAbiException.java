package dev.spinj.wasm.abi;

/**
 * The guest broke the canonical ABI contract: a pointer out of bounds, invalid UTF-8, a bad
 * variant tag, an allocator returning garbage. Thrown inside a guest call, it ends that call
 * like a trap; host state is untouched because hosts validate before acting.
 */
public final class GuestAbiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GuestAbiException(String message) {
        super(message);
    }
}
