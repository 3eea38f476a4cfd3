package dev.spinj.trigger.http;

import dev.spinj.wasm.wasi.http.ResponseOutlet;

/**
 * A response sent as its guest produces it: the head once ({@link #respond}), then the body
 * through the returned sink. Besides the guest's own calls, the request path ends it: with an
 * answer of the host's when the guest failed ({@link #fail}), and when the guest is done
 * ({@link #end}).
 */
public interface ResponseStream extends ResponseOutlet {
    /** Whether a head went out (the guest's, or an answer of the host's). */
    boolean started();

    /**
     * The exchange failed: {@code answer} is sent when nothing was sent yet; after a head the body
     * ends as {@link #end} ends it.
     */
    void fail(OutboundResponse answer);

    /**
     * The guest is done (its instance is gone). A body it never finished ends as Spin's does when
     * the store drops (SPEC2 §3.5): a chunked body ends as if complete, a body short of its
     * {@code content-length} is cut by closing the connection. A guest that never responded gets a 500.
     */
    void end();

    /**
     * No response at all: the connection closes (Spin's hyper service failing on a request without
     * an authority, SPEC2 §3.1 step 4). Nothing happens when a head already went out.
     */
    void drop();
}
