package dev.spinj.trigger.http.executor;

/**
 * An executor could not produce a response, in a way Spin answers with a 500 and one log line
 * ({@code Error processing request: …}): the guest set an error code, returned without a response
 * or trapped before one, or the request is one the guest contract refuses (a header value that is
 * not UTF-8).
 */
public final class RequestFailedException extends RuntimeException {
    public RequestFailedException(String message) {
        super(message);
    }

    public RequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
