package dev.spinj.trigger.http.executor;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.OutboundResponse;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.wagi.CgiEnvironment;
import dev.spinj.trigger.http.wagi.CgiResponse;
import dev.spinj.trigger.http.wagi.WagiArgv;
import dev.spinj.trigger.http.wagi.WagiException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.GuestTrapException;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.stdio.ComponentLogs;

/**
 * The WAGI executor (SPEC 8): a WASI command run CGI-style, argv and CGI environment from the
 * request, the body on stdin, the response parsed from stdout. {@code proc_exit(0)} is success.
 * Stdout is buffered up to {@code --max-response-body}; a guest writing more is stopped and answered 500.
 */
public final class WagiExecutor implements HttpExecutor {
    private final ComponentPre component;
    private final String entrypoint;
    private final String argvTemplate;
    private final ComponentLogs logs;
    private final int maxOutputBytes;

    /** @param maxOutputBytes the most stdout the guest may write ({@code --max-response-body}) */
    public WagiExecutor(ComponentPre component, String entrypoint, String argvTemplate, ComponentLogs logs,
            int maxOutputBytes) {
        this.component = component;
        this.entrypoint = entrypoint;
        this.argvTemplate = argvTemplate;
        this.logs = logs;
        this.maxOutputBytes = maxOutputBytes;
    }

    @Override
    public OutboundResponse execute(RouteMatch match, InboundRequest request) {
        var stdout = new CappedOutput(maxOutputBytes);
        var invocation = new WasiInvocation(WagiArgv.build(argvTemplate, request), CgiEnvironment.build(match, request),
                request.body(), stdout, logs.stderr(component.id()));
        try (GuestInstance guest = component.instantiate(invocation)) {
            if (!guest.hasExport(entrypoint)) {
                throw new WagiException(500, "No such function '" + entrypoint + "' in " + component.id());
            }
            try {
                guest.call(entrypoint);
            } catch (GuestTrapException e) {
                if (stdout.overflowed()) {
                    throw new WagiException(500, "component '" + component.id() + "' wrote more than " + stdout.cap()
                            + " bytes to stdout (--max-response-body); it was stopped");
                }
                if (!Integer.valueOf(0).equals(e.exitCode())) {
                    throw e;
                }
            }
        }
        CgiResponse response = CgiResponse.parse(stdout.toByteArray());
        return new OutboundResponse(response.status(), response.headers(), response.body());
    }
}
