package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.util.List;

/**
 * The {@code response-outparam} of one {@code handle} call: the head goes to the trigger the
 * moment the guest sets it (SPEC2 §3.4); what was set decides the {@link HandlerOutcome}.
 */
final class ResponseOutparam {
    private final ResponseOutlet outlet;
    private boolean responded;
    private String errorCode;

    ResponseOutparam(ResponseOutlet outlet) {
        this.outlet = outlet;
    }

    /** {@code set(ok(response))}: sends the head; the body follows as the guest writes it. */
    void respond(OutgoingResponse response) {
        responded = true;
        long declared = response.takenBody().map(OutgoingBody::declared).orElse(-1L);
        ByteSink sink = outlet.respond(response.status(), response.headers().headers(), declared);
        response.takenBody().ifPresentOrElse(body -> body.attach(sink), () -> endEmpty(sink));
    }

    /** {@code set(err(code))}: the client gets a 500. */
    void fail(Object code) {
        errorCode = ErrorCodes.describe(code);
    }

    boolean responded() {
        return responded;
    }

    /** How the call ended, once {@code handle} returned normally. */
    HandlerOutcome outcome() {
        if (responded) {
            return new HandlerOutcome.Responded();
        }
        return errorCode != null ? new HandlerOutcome.ErrorCode(errorCode) : new HandlerOutcome.NoResponse();
    }

    /** A response whose body the guest never took has none. */
    private static void endEmpty(ByteSink sink) {
        try {
            sink.finish(List.of());
        } catch (IOException e) {
            sink.abort();
        }
    }
}
