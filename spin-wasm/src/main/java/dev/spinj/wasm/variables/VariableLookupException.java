package dev.spinj.wasm.variables;

/** A component's variable lookup failed; each binding maps the kind to its own error case, with this message. */
public final class VariableLookupException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Spin 2+'s error kinds ({@code fermyon:spin/variables@2.0.0} {@code error}). */
    public enum Kind {
        INVALID_NAME,
        UNDEFINED,
        PROVIDER
    }

    private final Kind kind;

    VariableLookupException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
