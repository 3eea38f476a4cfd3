package dev.spinj.trigger.http.executor;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.OutboundResponse;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.StaticResponse;
import java.nio.charset.StandardCharsets;

/** A {@code static_response} trigger (SPEC2 3.10): the same answer every time, no component instantiated. */
public final class StaticResponseExecutor implements HttpExecutor {
    private final OutboundResponse response;

    public StaticResponseExecutor(StaticResponse response) {
        this.response = new OutboundResponse(response.statusCode(), response.headerList(),
                response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public OutboundResponse execute(RouteMatch match, InboundRequest request) {
        return response;
    }
}
