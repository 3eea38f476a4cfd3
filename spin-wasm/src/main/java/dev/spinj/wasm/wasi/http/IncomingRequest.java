package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.VariantValue;
import java.util.Locale;
import java.util.Set;

/** The {@code incoming-request} a guest's handler receives (SPEC2 §3.2). */
final class IncomingRequest implements HttpResources.Owner {
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH");

    private final VariantValue method;
    private final String authority;
    private final String pathWithQuery;
    private final IncomingMessage message;

    IncomingRequest(IncomingHttpRequest request) {
        this.method = method(request.method());
        this.authority = request.authority();
        this.pathWithQuery = request.pathWithQuery();
        this.message = new IncomingMessage(Fields.received(request.headers()), new IncomingBody(request.body()));
    }

    /** The WIT {@code method} of a request method as received; non-standard ones are {@code other}. */
    static VariantValue method(String name) {
        return STANDARD_METHODS.contains(name) ? VariantValue.of(name.toLowerCase(Locale.ROOT)) : new VariantValue("other", name);
    }

    VariantValue method() {
        return method;
    }

    String authority() {
        return authority;
    }

    String pathWithQuery() {
        return pathWithQuery;
    }

    IncomingMessage message() {
        return message;
    }

    @Override
    public void released() {
        message.released();
    }
}
