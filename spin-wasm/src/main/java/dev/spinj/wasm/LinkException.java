package dev.spinj.wasm;

/** A component cannot be linked: it imports something the runtime does not provide. */
public final class LinkException extends ComponentLoadException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
