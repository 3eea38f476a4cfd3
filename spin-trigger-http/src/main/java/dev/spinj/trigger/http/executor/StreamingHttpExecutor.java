package dev.spinj.trigger.http.executor;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.ResponseStream;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.wasm.io.ByteSource;

/**
 * Runs one routed request in a fresh instance of the route's component, the request body
 * streaming in and the response streaming out as the guest goes ({@code wasi:http} components).
 */
public interface StreamingHttpExecutor {
    /**
     * @param head the request as received, with an empty body: its bytes arrive through {@code body}
     * @param response where the guest's response goes; the caller ends it when this returns or throws
     */
    void execute(RouteMatch match, InboundRequest head, ByteSource body, ResponseStream response);
}
