package dev.spinj.wasm.kv;

/** A store backend failed (I/O, SQL, network); the message reaches the guest as {@code io(...)}. */
public final class KeyValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
