package dev.spinj.trigger.http;

import static dev.spinj.trigger.http.routing.Requests.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedTrigger;
import dev.spinj.trigger.http.executor.HttpExecutor;
import dev.spinj.trigger.http.executor.StaticResponseExecutor;
import dev.spinj.trigger.http.routing.Route;
import dev.spinj.trigger.http.routing.Router;
import dev.spinj.trigger.http.routing.StaticResponse;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.http.Header;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Private routes and static responses through the real {@link RequestDispatcher}: a private route
 * is 404 for a client and reachable by component id (service chaining); a static response answers
 * without any component. Executors that record what they ran stand in for guests here.
 */
class PrivateAndStaticRoutesTest {

    /** Answers 200 with the component id and the path-info it was given. */
    private static HttpExecutor naming(String componentId) {
        return (match, request) -> OutboundResponse.text(200, "text/plain",
                componentId + " " + match.pathInfo(request.path()));
    }

    private static RequestDispatcher dispatcher(Router router, Map<Route, HttpExecutor> executors) {
        return new RequestDispatcher(router, executors, Map.of(), new Deadlines(Duration.ofSeconds(10)), "app", "1");
    }

    @Test
    void privateRouteIsNotFoundFromOutsideButReachableByComponent() {
        Route front = new Route("front", "/front/...", null);
        Route back = Route.privateRoute("back", "internal only");
        Router router = Router.build("/", List.of(front, back));
        try (RequestDispatcher dispatcher = dispatcher(router, Map.of(front, naming("front"), back, naming("back")))) {
            assertEquals(404, dispatcher.dispatch(get("/back")).status());
            assertEquals(404, dispatcher.dispatch(get("/")).status());
            assertEquals("front /x", body(dispatcher.dispatch(get("/front/x"))));
        }
        var internal = router.routeToComponent("back").orElseThrow();
        assertEquals("back", internal.componentId());
        assertEquals("/a/b", internal.pathInfo("/a/b"));
        assertEquals("/...", internal.rawRoute());
        assertEquals(true, router.routeToComponent("front").isPresent());
        assertEquals(true, router.routeToComponent("nobody").isEmpty());
    }

    @Test
    void privateRoutesAreNotListed() {
        Router router = Router.build("/", List.of(Route.privateRoute("back", null), new Route("front", "/front", null)));
        assertEquals(List.of("Available Routes:", "  front: http://127.0.0.1:3000/front"), router.availableRoutes("http://127.0.0.1:3000"));
    }

    @Test
    void staticResponseAnswersWithoutAComponent() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("location", "/new");
        headers.put("cache-control", "no-store");
        StaticResponse moved = new StaticResponse(302, headers, null);
        Route old = Route.staticResponse("old-trigger", "/old", moved);
        Router router = Router.build("/", List.of(old));
        try (RequestDispatcher dispatcher = dispatcher(router, Map.of(old, new StaticResponseExecutor(moved)))) {
            OutboundResponse response = dispatcher.dispatch(get("/old/"));
            assertEquals(302, response.status());
            assertEquals(List.of(new Header("location", "/new"), new Header("cache-control", "no-store")), response.headers());
            assertArrayEquals(new byte[0], response.body());
        }
        assertEquals(true, router.routeToComponent("old-trigger").isEmpty());
    }

    @Test
    void staticResponseDefaultsToStatus200AndLiteralBody() {
        StaticResponse ok = new StaticResponse(null, null, "{{ not_a_template }}");
        OutboundResponse response = new StaticResponseExecutor(ok).execute(null, get("/"));
        assertEquals(200, response.status());
        assertEquals("{{ not_a_template }}", body(response));
    }

    @Test
    void triggerConfigReadsPrivateRoutesAndStaticResponsesFromTheLock() throws Exception {
        HttpTriggerConfig hidden = config("{\"component\":\"back\",\"route\":{\"private\":true}}");
        assertEquals(true, hidden.privateRoute());
        assertEquals(null, hidden.route());
        HttpTriggerConfig fixed = config("{\"route\":\"/old\",\"static_response\":{\"status_code\":302,"
                + "\"headers\":{\"location\":\"/new\"}}}");
        assertEquals(new StaticResponse(302, Map.of("location", "/new"), ""), fixed.staticResponse());
        assertEquals("/old", fixed.route());
        assertEquals(null, fixed.component());
    }

    private static HttpTriggerConfig config(String json) throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        return LockFiles.triggerConfig(new LockedTrigger("t", "http", tree), HttpTriggerConfig.class);
    }

    private static String body(OutboundResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
