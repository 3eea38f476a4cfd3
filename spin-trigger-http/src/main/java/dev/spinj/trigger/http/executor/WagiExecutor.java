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
import java.io.ByteArrayOutputStream;

/**
 * The WAGI executor (SPEC 8): a WASI command run CGI-style, argv and CGI environment from the
 * request, the body on stdin, the response parsed from stdout. {@code proc_exit(0)} is success.
 */
public final class WagiExecutor implements HttpExecutor {
    private final ComponentPre component;
    private final String entrypoint;
    private final String argvTemplate;
    private final ComponentLogs logs;

    public WagiExecutor(ComponentPre component, String entrypoint, String argvTemplate, ComponentLogs logs) {
        this.component = component;
        this.entrypoint = entrypoint;
        this.argvTemplate = argvTemplate;
        this.logs = logs;
    }

    @Override
    public OutboundResponse execute(RouteMatch match, InboundRequest request) {
        var stdout = new ByteArrayOutputStream();
        var invocation = new WasiInvocation(WagiArgv.build(argvTemplate, request), CgiEnvironment.build(match, request),
                request.body(), stdout, logs.stderr(component.id()));
        try (GuestInstance guest = component.instantiate(invocation)) {
            if (!guest.hasExport(entrypoint)) {
                throw new WagiException(500, "No such function '" + entrypoint + "' in " + component.id());
            }
            try {
                guest.call(entrypoint);
            } catch (GuestTrapException e) {
                if (!Integer.valueOf(0).equals(e.exitCode())) {
                    throw e;
                }
            }
        }
        CgiResponse response = CgiResponse.parse(stdout.toByteArray());
        return new OutboundResponse(response.status(), response.headers(), response.body());
    }
}
