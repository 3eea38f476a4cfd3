package dev.spinj.trigger.http;

import dev.spinj.trigger.http.executor.HttpExecutor;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.Router;
import dev.spinj.trigger.http.wagi.WagiException;
import dev.spinj.wasm.DeadlineExceededException;
import dev.spinj.wasm.Deadlines;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of SPEC 7.1, protocol-free: well-known endpoints, routing, then the route's
 * executor. Every executor failure becomes a logged 500 here, in one place.
 */
public final class RequestDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Router router;
    private final Map<String, HttpExecutor> executors;
    private final WellKnown wellKnown;
    private final Deadlines deadlines;

    public RequestDispatcher(Router router, Map<String, HttpExecutor> executorsByComponent, Deadlines deadlines,
            String appName, String appVersion) {
        this.router = router;
        this.executors = Map.copyOf(executorsByComponent);
        this.deadlines = deadlines;
        this.wellKnown = new WellKnown(appName, appVersion);
    }

    public Router router() {
        return router;
    }

    public OutboundResponse dispatch(InboundRequest request) {
        if (request.path().startsWith(WellKnown.PREFIX)) {
            return wellKnown.answer(request.path());
        }
        Optional<RouteMatch> match = router.route(request.path());
        if (match.isEmpty()) {
            return OutboundResponse.empty(404);
        }
        String componentId = match.get().componentId();
        HttpExecutor executor = executors.get(componentId);
        try {
            return deadlines.run(() -> executor.execute(match.get(), request));
        } catch (DeadlineExceededException e) {
            LOG.error("Error processing request for component {}: {}", componentId, e.getMessage());
            return OutboundResponse.empty(503);
        } catch (WagiException e) {
            LOG.error("Error processing request for component {}: {}", componentId, e.getMessage());
            return new OutboundResponse(e.status(), List.of(), e.body());
        } catch (RuntimeException e) {
            LOG.error("Error processing request for component {}: {}", componentId, e.getMessage());
            return OutboundResponse.empty(500);
        }
    }

    @Override
    public void close() {
        deadlines.close();
    }
}
