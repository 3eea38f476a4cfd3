package dev.spinj.wasm.config;

/**
 * The host side of an app cannot be set up: a bad runtime config file, an undefined store or
 * database, a required variable nothing resolves. Unchecked because it happens while building the
 * app, where there is nothing to recover; the message names the file, component or variable.
 */
public final class RuntimeConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RuntimeConfigException(String message) {
        super(message);
    }

    public RuntimeConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
