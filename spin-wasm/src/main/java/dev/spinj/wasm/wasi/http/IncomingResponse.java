package dev.spinj.wasm.wasi.http;

import java.util.Optional;

/** The {@code incoming-response} of an outbound request: status, headers and a streamed body. */
final class IncomingResponse implements HttpResources.Owner {
    private final int status;
    private final Fields headers;
    private IncomingBody body;

    IncomingResponse(int status, Fields headers, IncomingBody body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    int status() {
        return status;
    }

    Fields headers() {
        return headers;
    }

    /** The body, the first time only. */
    Optional<IncomingBody> consume() {
        Optional<IncomingBody> taken = Optional.ofNullable(body);
        body = null;
        return taken;
    }

    @Override
    public void released() {
        if (body != null) {
            body.released();
        }
    }
}
