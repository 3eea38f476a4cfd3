package dev.spinj.wasm.kv;

/** A component may not open a store; every key-value binding maps the reason to its own error case. */
public final class StoreRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Checked in this order, as Spin does: the component's grant first, then the app's definitions. */
    public enum Reason {
        /** The label is not in the component's {@code key_value_stores}. */
        ACCESS_DENIED,
        /** Nothing defines the label (startup normally prevents this). */
        NO_SUCH_STORE
    }

    private final Reason reason;

    StoreRefusedException(Reason reason, String componentId, String label) {
        super("component '" + componentId + "' may not open key-value store '" + label + "': " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
