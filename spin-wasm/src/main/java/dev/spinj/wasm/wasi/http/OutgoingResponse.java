package dev.spinj.wasm.wasi.http;

import java.util.Optional;

/** An {@code outgoing-response} the guest builds; {@code response-outparam.set} hands it over. */
final class OutgoingResponse {
    private final Fields headers;
    private int status = 200;
    private OutgoingBody body;

    /** @param headers taken from the guest, now immutable */
    OutgoingResponse(Fields headers) {
        this.headers = headers;
        headers.freeze();
    }

    int status() {
        return status;
    }

    /** Accepts what {@code http::StatusCode::from_u16} accepts: 100 to 999. */
    boolean setStatus(int code) {
        if (code < 100 || code > 999) {
            return false;
        }
        status = code;
        return true;
    }

    Fields headers() {
        return headers;
    }

    /** The body, once; none when the declared {@code content-length} does not parse. */
    Optional<OutgoingBody> body() {
        Optional<OutgoingBody> made = body == null ? OutgoingBody.declaredBy(headers, false) : Optional.empty();
        made.ifPresent(b -> body = b);
        return made;
    }

    /** The body the guest took, if it did. */
    Optional<OutgoingBody> takenBody() {
        return Optional.ofNullable(body);
    }
}
