package dev.spinj.wasm.host.rdbms;

import java.util.Optional;

/** A {@code pg-error} / {@code mysql-error} case with its message (SPEC 3.6). */
public final class RdbmsException extends Exception {
    public static final int CONNECTION_FAILED = 1;
    public static final int BAD_PARAMETER = 2;
    public static final int QUERY_FAILED = 3;
    public static final int VALUE_CONVERSION_FAILED = 4;

    private static final long serialVersionUID = 1L;
    private final int errorCase;

    public RdbmsException(int errorCase, String message, Throwable cause) {
        super(message, cause);
        this.errorCase = errorCase;
    }

    public int errorCase() {
        return errorCase;
    }

    /** The database server's own account of the failure, where it gave one (PostgreSQL). */
    public Optional<ServerError> serverError() {
        return ServerError.of(getCause());
    }
}
