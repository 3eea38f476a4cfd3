package dev.spinj.wasm;

/** A component cannot be prepared at startup: unreadable, not a module, or missing an export. */
public class ComponentLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ComponentLoadException(String message) {
        super(message);
    }

    public ComponentLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
