package dev.spinj.trigger.http.wagi;

import dev.spinj.trigger.http.InboundRequest;
import java.util.List;

/** The WASI argv of a WAGI module, from the component's {@code argv} template (SPEC 8). */
public final class WagiArgv {

    /** Spin's default when the manifest gives no {@code argv}. */
    public static final String DEFAULT_TEMPLATE = "${SCRIPT_NAME} ${ARGS}";

    private WagiArgv() {}

    /**
     * Substitutes {@code ${SCRIPT_NAME}} (the request path) and then {@code ${ARGS}} (the raw
     * query, {@code &} turned into spaces) and splits on single spaces, keeping empty arguments:
     * {@code /test} without a query gives {@code ["/test", ""]}.
     */
    public static List<String> build(String template, InboundRequest request) {
        String argv = template
                .replace("${SCRIPT_NAME}", request.path())
                .replace("${ARGS}", request.query().replace('&', ' '));
        return List.of(argv.split(" ", -1));
    }
}
