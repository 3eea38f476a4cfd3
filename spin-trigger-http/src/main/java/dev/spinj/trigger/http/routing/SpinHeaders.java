package dev.spinj.trigger.http.routing;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.wasm.http.Header;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code spin-*} headers appended after the client's own headers (SPEC 7.3, SPEC2 3.3): every
 * {@link SpinHeader}, then one {@code spin-path-match-<name>} per {@code :param} of the route.
 */
public final class SpinHeaders {

    private SpinHeaders() {}

    /** Every {@link SpinHeader} as a header, in Spin's order. */
    public static List<Header> compute(RouteMatch match, InboundRequest request) {
        List<Header> headers = new ArrayList<>();
        for (SpinHeader header : SpinHeader.values()) {
            headers.add(new Header(header.headerName(), header.valueFor(match, request)));
        }
        match.pattern().params(request.path()).forEach((name, value) ->
                headers.add(new Header(pathMatchHeader(name), value)));
        return headers;
    }

    /** {@code :path_segment} gives {@code spin-path-match-path-segment}. */
    static String pathMatchHeader(String param) {
        return "spin-path-match-" + param.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
