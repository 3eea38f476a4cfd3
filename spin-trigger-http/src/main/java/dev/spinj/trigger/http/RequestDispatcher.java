package dev.spinj.trigger.http;

import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.spinj.trigger.http.executor.HttpExecutor;
import dev.spinj.trigger.http.executor.RequestFailedException;
import dev.spinj.trigger.http.executor.StreamingHttpExecutor;
import dev.spinj.trigger.http.routing.Route;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.Router;
import dev.spinj.trigger.http.wagi.WagiException;
import dev.spinj.wasm.DeadlineExceededException;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.GuestTrapException;
import dev.spinj.wasm.abi.GuestAbiException;
import dev.spinj.wasm.io.ByteArraySource;
import dev.spinj.wasm.io.ByteSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of SPEC 7.1, protocol-free, in two steps: {@link #route} (well-known endpoints
 * and routing, cheap, never runs a guest) then {@link #execute} (the route's executor under the
 * deadline). Every failure of a guest or of the host while executing becomes a logged answer
 * here, in one place. A route's executor takes the request whole and answers whole (Spin 1.x,
 * WAGI, static responses), or streams both ways ({@code wasi:http} components, {@link #streams}).
 */
public final class RequestDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final String CHAINED_HOST_SUFFIX = ".spin.internal";

    private final Router router;
    private final Map<Route, HttpExecutor> executors;
    private final Map<Route, StreamingHttpExecutor> streamingExecutors;
    private final WellKnown wellKnown;
    private final Deadlines deadlines;

    /**
     * @param executorsByRoute one executor per trigger: a component on two triggers may run with
     *     a different executor on each
     * @param streamingExecutorsByRoute the routes whose executor streams; no route is in both maps
     */
    public RequestDispatcher(Router router, Map<Route, HttpExecutor> executorsByRoute,
            Map<Route, StreamingHttpExecutor> streamingExecutorsByRoute, Deadlines deadlines, String appName,
            String appVersion) {
        this.router = router;
        this.executors = Map.copyOf(executorsByRoute);
        this.streamingExecutors = Map.copyOf(streamingExecutorsByRoute);
        this.deadlines = deadlines;
        this.wellKnown = new WellKnown(appName, appVersion);
    }

    public Router router() {
        return router;
    }

    /** The whole path on the calling thread: route, then run the guest if one must run. */
    public OutboundResponse dispatch(InboundRequest request) {
        RouteDecision decision = route(request);
        return decision.answer() != null ? decision.answer() : execute(decision.match(), request);
    }

    /** Whether the route's guest takes its request body and gives its response as streams. */
    public boolean streams(RouteMatch match) {
        return streamingExecutors.containsKey(match.route());
    }

    /** Well-known endpoints and routing only: cheap enough for an event-loop thread. */
    public RouteDecision route(InboundRequest request) {
        if (request.path().startsWith(WellKnown.PREFIX)) {
            return RouteDecision.answered(wellKnown.answer(request.path()));
        }
        Optional<RouteMatch> match = router.route(request.path());
        return match.map(RouteDecision::toGuest).orElseGet(() -> RouteDecision.answered(OutboundResponse.empty(404)));
    }

    /**
     * Runs the route's guest under the deadline. A guest's failure (trap, bad response) is logged
     * in one line, as Spin does; a host fault (a bug, an {@link Error} such as
     * {@link OutOfMemoryError}) is logged once with its stack trace, component and route. Either
     * way the client gets an answer.
     */
    public OutboundResponse execute(RouteMatch match, InboundRequest request) {
        return execute(match, match.route(), request);
    }

    /**
     * Runs a streaming route's guest under the deadline, as {@link #execute(RouteMatch,
     * InboundRequest)} runs a whole one: a failure is logged here and becomes the answer when no
     * head went out yet; the response is ended when the guest is done.
     *
     * @param head the request as received, its body empty: the bytes arrive through {@code body}
     */
    public void execute(RouteMatch match, InboundRequest head, ByteSource body, ResponseStream response) {
        execute(match, streamingExecutors.get(match.route()), head, body, response);
    }

    private void execute(RouteMatch match, StreamingHttpExecutor executor, InboundRequest head, ByteSource body,
            ResponseStream response) {
        try {
            deadlines.run(() -> {
                executor.execute(match, head, body, response);
                return null;
            });
            response.end();
        } catch (Throwable e) {
            response.fail(failureAnswer(match, e));
        } finally {
            body.discard();
        }
    }

    /**
     * A service-chained request (SPEC2 3.7): straight to the component through the router's
     * synthetic {@code /...} match, run as {@link #execute} runs a routed one, by the executor of
     * the component's own trigger. Empty when no HTTP trigger serves the component.
     */
    public Optional<OutboundResponse> executeChained(String componentId, InboundRequest request) {
        return router.routeToComponent(componentId).map(match -> {
            Route trigger = router.chainingTrigger(componentId).orElseThrow();
            // Spin strips a chained request's Host: a wasi:http guest's authority is then the target's, <id>.spin.internal
            boolean needsAuthority = streamingExecutors.containsKey(trigger) && request.host() == null;
            return execute(match, trigger, needsAuthority ? request.withHost(componentId + CHAINED_HOST_SUFFIX) : request);
        });
    }

    /** By the executor of {@code trigger}'s route; a streaming one answers into a buffer. */
    private OutboundResponse execute(RouteMatch match, Route trigger, InboundRequest request) {
        StreamingHttpExecutor streaming = streamingExecutors.get(trigger);
        if (streaming != null) {
            var response = new BufferedResponse();
            execute(match, streaming, request.withoutBody(), new ByteArraySource(request.body()), response);
            return response.toOutbound();
        }
        HttpExecutor executor = executors.get(trigger);
        try {
            return deadlines.run(() -> executor.execute(match, request));
        } catch (Throwable e) {
            return failureAnswer(match, e);
        }
    }

    /** The logged answer to a failed execution, whatever failed. */
    private static OutboundResponse failureAnswer(RouteMatch match, Throwable failure) {
        String componentId = match.componentId();
        if (failure instanceof DeadlineExceededException e) {
            LOG.error("Error processing request for component {}: {}", componentId, e.getMessage());
            return OutboundResponse.empty(503);
        }
        if (failure instanceof WagiException e) {
            LOG.error("Error processing request for component {}: {}", componentId, e.getMessage());
            return new OutboundResponse(e.status(), List.of(), e.body());
        }
        if (failure instanceof RuntimeException e) {
            if (e instanceof GuestTrapException trap && trap.interrupted()) {
                // Not the deadline (that is DeadlineExceededException): the worker pool stopped it, its client left.
                LOG.info("Stopped a request for component {}: its client went away", componentId);
                return OutboundResponse.empty(503);
            }
            if (isGuestFault(e)) {
                LOG.error("Error processing request for component {}: {}", componentId, e.getMessage());
                return OutboundResponse.empty(500);
            }
        }
        LOG.error("Internal error processing request for component {} (route {})", componentId, match.rawRoute(), failure);
        return OutboundResponse.empty(500);
    }

    /**
     * What the guest did wrong (a trap, {@code proc_exit}, exhausted stack, broken ABI, a response
     * the executor refuses), as opposed to a fault of the host, whose stack trace we need.
     */
    private static boolean isGuestFault(RuntimeException e) {
        if (e instanceof GuestTrapException trap) {
            Throwable cause = trap.getCause();
            return cause instanceof ChicoryException || cause instanceof WasiExitException
                    || cause instanceof StackOverflowError || cause instanceof GuestAbiException;
        }
        return e instanceof GuestAbiException || e instanceof IllegalArgumentException || e instanceof RequestFailedException;
    }

    @Override
    public void close() {
        deadlines.close();
    }
}
