package dev.spinj.wasm.wasi.http;

/** How a guest's {@code incoming-handler.handle} call ended (SPEC2 §3.5). */
public sealed interface HandlerOutcome {
    /** The guest set {@code ok(response)} in the outparam and returned normally. */
    record Responded() implements HandlerOutcome {}

    /** The guest set {@code err(error-code)}: the client gets 500 with an empty body. */
    record ErrorCode(String debug) implements HandlerOutcome {}

    /** The guest returned without setting the outparam: 500 with an empty body. */
    record NoResponse() implements HandlerOutcome {}

    /**
     * The guest trapped. Before a response this is a 500; after one the head is gone and the body
     * is cut short.
     */
    record Trapped(Throwable cause, boolean afterResponse) implements HandlerOutcome {}
}
