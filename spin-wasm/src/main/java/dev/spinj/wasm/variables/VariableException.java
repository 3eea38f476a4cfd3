package dev.spinj.wasm.variables;

/** A variable or template cannot be resolved; the message is what the guest sees. */
public final class VariableException extends Exception {
    private static final long serialVersionUID = 1L;

    public VariableException(String message) {
        super(message);
    }
}
