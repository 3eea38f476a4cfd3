package dev.spinj.trigger.http.executor;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.OutboundResponse;
import dev.spinj.trigger.http.routing.RouteMatch;

/** Runs one routed request in a fresh instance of the route's component. */
public interface HttpExecutor {
    OutboundResponse execute(RouteMatch match, InboundRequest request);
}
