package dev.spinj.trigger.http.routing;

import dev.spinj.trigger.http.InboundRequest;
import java.util.function.BiFunction;

/**
 * The request facts Spin hands to every component: a {@code spin-*} header for the Spin executor
 * and its CGI variable twin for WAGI, with the one rule that computes both. Declared in the
 * order Spin appends the headers.
 */
public enum SpinHeader {
    PATH_INFO("spin-path-info", "PATH_INFO", (m, r) -> m.pathInfo(r.path())),
    FULL_URL("spin-full-url", "X_FULL_URL", (m, r) -> r.fullUrl()),
    MATCHED_ROUTE("spin-matched-route", "X_MATCHED_ROUTE", (m, r) -> m.matchedRoute()),
    BASE_PATH("spin-base-path", "X_BASE_PATH", (m, r) -> m.base()),
    RAW_COMPONENT_ROUTE("spin-raw-component-route", "X_RAW_COMPONENT_ROUTE", (m, r) -> m.rawRoute()),
    COMPONENT_ROUTE("spin-component-route", "X_COMPONENT_ROUTE", (m, r) -> m.componentRoute()),
    CLIENT_ADDR("spin-client-addr", "X_CLIENT_ADDR", (m, r) -> ClientAddress.ipAndPort(r.clientAddress()));

    private final String headerName;
    private final String cgiName;
    private final BiFunction<RouteMatch, InboundRequest, String> value;

    SpinHeader(String headerName, String cgiName, BiFunction<RouteMatch, InboundRequest, String> value) {
        this.headerName = headerName;
        this.cgiName = cgiName;
        this.value = value;
    }

    /** The header name the Spin executor sends, e.g. {@code spin-full-url}. */
    public String headerName() {
        return headerName;
    }

    /** The environment variable the WAGI executor sets, e.g. {@code X_FULL_URL}. */
    public String cgiName() {
        return cgiName;
    }

    /** This fact for one routed request. */
    public String valueFor(RouteMatch match, InboundRequest request) {
        return value.apply(match, request);
    }
}
