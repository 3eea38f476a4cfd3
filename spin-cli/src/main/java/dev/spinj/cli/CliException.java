package dev.spinj.cli;

/** A user-facing failure of a command; its message and causes are what {@link ErrorReporter} prints. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
