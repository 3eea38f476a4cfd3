package dev.spinj.cm.runtime;

/** A component that cannot be linked: an import nothing provides, or a provided type that does not match. */
public final class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
