package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.VariantValue;
import java.io.IOException;

/**
 * A body stream failure with its {@code error-code}: reading or writing fails with it as {@code
 * last-operation-failed}, and {@code http-error-code} gives the code back to the guest.
 */
final class ErrorCodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient VariantValue code;

    ErrorCodeException(VariantValue code, String message) {
        super(message + " (" + ErrorCodes.describe(code) + ")");
        this.code = code;
    }

    VariantValue code() {
        return code;
    }

    /** The code of any body failure: its own, or {@code internal-error} with the message. */
    static VariantValue codeOf(Throwable failure) {
        return failure instanceof ErrorCodeException e ? e.code() : ErrorCodes.internal(String.valueOf(failure.getMessage()));
    }
}
