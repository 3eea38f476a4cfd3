package dev.spinj.loader;

/**
 * A valid manifest whose app cannot be prepared: a missing wasm file, an asset that cannot be
 * copied or mounted. The message names the component; the cause says what went wrong.
 */
public final class AppLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public AppLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
