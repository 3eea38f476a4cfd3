package dev.spinj.wasm.host.sqlite;

/** A database could not be opened or a statement failed; the guest sees it as {@code io(message)}. */
public final class SqliteException extends Exception {
    private static final long serialVersionUID = 1L;

    SqliteException(String message, Throwable cause) {
        super(message, cause);
    }
}
