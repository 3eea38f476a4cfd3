package dev.spinj.trigger.http.executor;

import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.wasi.http.IncomingHandler;
import java.util.HashSet;
import java.util.Set;

/**
 * Which HTTP handler a Spin 2+ guest exports (SPEC2 §1.4), decided once at startup: Spin's
 * candidates are {@code wasi:http/incoming-handler@0.2.*}, each rc-2023 name,
 * {@code wasi:http/handler@0.3.0-rc-2026-03-15} and {@code fermyon:spin/inbound-http}; exactly one
 * must be there. spinj serves the first kind; the others fail here, naming the component.
 */
public final class HandlerExports {
    static final String SPIN_HANDLER = "fermyon:spin/inbound-http";
    static final String P3_HANDLER = "wasi:http/handler@0.3.0-rc-2026-03-15";
    private static final String RC_PREFIX = "wasi:http/incoming-handler@0.2.0-rc-";
    /** Spin's words, verbatim (SPEC2 §6.9), "then" included. */
    static final String NONE = "Expected component to export one of `wasi:http/incoming-handler@0.2.0-rc-2023-10-18`, "
            + "`wasi:http/incoming-handler@0.2.0-rc-2023-11-10`, `wasi:http/incoming-handler@0.2.*`, "
            + "`wasi:http/handler@0.3.0-rc-2026-03-15`, or `fermyon:spin/inbound-http` but it exported none of those. "
            + "This may mean the component handles a different trigger, or that its `wasi:http` export is newer then "
            + "those supported by Spin. If you're sure this is an HTTP module, check if a Spin upgrade is available: "
            + "this may handle the newer version.";
    static final String MULTIPLE = "component exports multiple different handlers but it's expected to export only one";

    private HandlerExports() {}

    /**
     * The guest's {@code wasi:http/incoming-handler} export.
     *
     * @param exports the guest's component-level exports
     *
     * @throws ComponentLoadException with Spin's message when it exports no handler or several, or
     *     one spinj does not serve (the async p3 handler, the 1.x interface inside a component)
     */
    public static String wasiHttp(String componentId, Set<String> exports) throws ComponentLoadException {
        // every 0.2.x is one candidate (semver-compatible names); each rc-2023 name is its own
        Set<String> candidates = new HashSet<>();
        String wasiHttp = null;
        for (String export : exports) {
            if (IncomingHandler.exportName(Set.of(export)).isPresent()) {
                candidates.add(export.startsWith(RC_PREFIX) ? export : "wasi:http/incoming-handler@0.2");
                wasiHttp = export;
            }
        }
        if (exports.contains(P3_HANDLER)) {
            candidates.add(P3_HANDLER);
        }
        if (exports.contains(SPIN_HANDLER)) {
            candidates.add(SPIN_HANDLER);
        }
        if (candidates.size() > 1) {
            throw new ComponentLoadException("Component '" + componentId + "': " + MULTIPLE);
        }
        if (wasiHttp != null) {
            return wasiHttp;
        }
        if (candidates.contains(SPIN_HANDLER)) {
            throw new ComponentLoadException("Component '" + componentId + "' exports " + SPIN_HANDLER
                    + " from a component: spinj runs the Spin 1.x interface only from core modules");
        }
        // the async p3 handler is not served yet: to the user it is a handler this runtime does not know
        throw new ComponentLoadException("Component '" + componentId + "': " + NONE);
    }
}
