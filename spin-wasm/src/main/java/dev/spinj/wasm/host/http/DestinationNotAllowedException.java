package dev.spinj.wasm.host.http;

/** The allow-list refused a URL, the first one or a redirect's: the guest sees {@code destination-not-allowed}. */
final class DestinationNotAllowedException extends Exception {
    private static final long serialVersionUID = 1L;

    DestinationNotAllowedException(String message) {
        super(message);
    }
}
