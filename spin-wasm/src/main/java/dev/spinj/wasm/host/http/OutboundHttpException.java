package dev.spinj.wasm.host.http;

/** An outbound request failed after the allow-list passed it: the guest sees {@code runtime-error}. */
public final class OutboundHttpException extends Exception {
    private static final long serialVersionUID = 1L;

    OutboundHttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
