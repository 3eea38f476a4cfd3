package dev.spinj.wasm.services;

import dev.spinj.loader.lock.LockedComponent;

/**
 * A component may not open a labelled resource of the app (a key-value store, a SQLite
 * database); every binding maps the reason to its own interface's error case.
 */
public final class LabelRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Checked in this order, as Spin does: the component's grant first, then the app's definitions. */
    public enum Reason {
        /** The label is not in the component's list ({@code key_value_stores}, {@code sqlite_databases}). */
        ACCESS_DENIED,
        /** Nothing defines the label (startup normally prevents this). */
        UNDEFINED
    }

    private final Reason reason;

    private LabelRefusedException(Reason reason, String what, String componentId, String label) {
        super("component '" + componentId + "' may not open " + what + " '" + label + "': " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Spin's rule for opening a labelled resource: the component must list the label under
     * {@code listKey} of its metadata, then the app must define it.
     *
     * @param what the kind of resource, for the message ("key-value store")
     */
    public static void check(LockedComponent component, String listKey, String what, String label, boolean defined)
            throws LabelRefusedException {
        if (!component.metadataList(listKey).contains(label)) {
            throw new LabelRefusedException(Reason.ACCESS_DENIED, what, component.id(), label);
        }
        if (!defined) {
            throw new LabelRefusedException(Reason.UNDEFINED, what, component.id(), label);
        }
    }
}
