package dev.spinj.trigger.http.wagi;

/**
 * A WAGI module's output that cannot become the response it meant; carries the response to send
 * instead. The message is for the log; the body is what Spin sends (usually nothing).
 */
public final class WagiException extends RuntimeException {

    private final int status;
    private final byte[] body;

    public WagiException(int status, String message, byte[] body) {
        super(message);
        this.status = status;
        this.body = body.clone();
    }

    public WagiException(int status, String message) {
        this(status, message, new byte[0]);
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }

    /** The response body to answer with; empty unless Spin shows the client an explanation. */
    public byte[] body() {
        return body.clone();
    }
}
