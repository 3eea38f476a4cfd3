package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.util.List;

/** Where a guest's response goes; implemented by the trigger. */
public interface ResponseOutlet {
    /**
     * The guest set {@code ok(response)} in the outparam: send the head now; the body goes into
     * the returned sink.
     *
     * @param contentLength the guest's declared content-length or -1; the host enforces it
     *     (SPEC2 §3.4), the outlet need not
     */
    ByteSink respond(int status, List<Header> headers, long contentLength);
}
