package dev.spinj.wasm.wasi.http;

/** The {@code incoming-response} of an outbound request: a status, headers and a streamed body. */
record IncomingResponse(int status, IncomingMessage message) implements HttpResources.Owner {
    IncomingResponse(int status, Fields headers, IncomingBody body) {
        this(status, new IncomingMessage(headers, body));
    }

    @Override
    public void released() {
        message.released();
    }
}
