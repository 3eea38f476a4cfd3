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
     * instantiated, its HostContext active). The response head reaches {@code outlet} as soon as
     * the guest sets it; its body streams on while the guest runs. Never throws for what the
     * guest does: a trap (or an interrupt by the request's deadline) is {@link
     * HandlerOutcome.Trapped}.
     *
     * @param export the handler export, as {@link #exportName} found it
     */
    public static HandlerOutcome handle(ComponentInstance guest, String export, IncomingHttpRequest request,
            ResponseOutlet outlet) {
        HttpResources resources = HttpResources.current();
        ResponseOutparam outparam = new ResponseOutparam(outlet);
        int requestRep = resources.add(new IncomingRequest(request));
        int outparamRep = resources.add(outparam);
        try {
            guest.call(export + "#handle", requestRep, outparamRep);
        } catch (RuntimeException | Error e) {
            return new HandlerOutcome.Trapped(e, outparam.responded());
        }
        return outparam.outcome();
    }
}
