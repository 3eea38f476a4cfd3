package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.runtime.ComponentInstance;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Invokes a guest's {@code wasi:http/incoming-handler.handle} and reports how it ended (SPEC2 §3.5). */
public final class IncomingHandler {
    private static final Pattern P2_EXPORT = Pattern.compile("wasi:http/incoming-handler@0\\.2\\.\\d+");
    private static final Set<String> RC_2023_EXPORTS = Set.of(
            "wasi:http/incoming-handler@0.2.0-rc-2023-10-18",
            "wasi:http/incoming-handler@0.2.0-rc-2023-11-10");

    private IncomingHandler() {}

    /**
     * The export that makes a component a p2 HTTP handler (SPEC2 §1.4): {@code
     * wasi:http/incoming-handler@0.2.x} for any patch, or one of the rc-2023 names.
     */
    public static Optional<String> exportName(Set<String> componentExports) {
        return componentExports.stream()
                .filter(name -> P2_EXPORT.matcher(name).matches() || RC_2023_EXPORTS.contains(name))
                .sorted()
                .findFirst();
    }

    /**
     * Runs {@code handle(request, outparam)} on this thread in {@code guest} (already
     * instantiated, its HostContext active).
     */
    public static HandlerOutcome handle(ComponentInstance guest, String export, IncomingHttpRequest request,
            ResponseOutlet outlet) {
        throw new UnsupportedOperationException("wasi:http incoming-handler is being implemented on branch wasi-http");
    }
}
