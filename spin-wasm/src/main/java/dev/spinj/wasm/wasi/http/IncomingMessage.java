package dev.spinj.wasm.wasi.http;

import java.util.Optional;

/**
 * What an incoming request and an incoming response share: immutable headers, and a body the
 * guest may consume once (a body never consumed is discarded when the message is dropped).
 */
final class IncomingMessage implements HttpResources.Owner {
    private final Fields headers;
    private IncomingBody body;

    IncomingMessage(Fields headers, IncomingBody body) {
        this.headers = headers;
        this.body = body;
    }

    Fields headers() {
        return headers;
    }

    /** {@code consume}: the body the first time, then nothing. */
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
