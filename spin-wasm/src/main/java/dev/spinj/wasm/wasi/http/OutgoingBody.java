package dev.spinj.wasm.wasi.http;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An {@code outgoing-body} (of a response or an outbound request, SPEC2 §3.4): the guest writes
 * through one {@code output-stream}, then {@code finish}es it, with trailers or not; dropping it
 * unfinished aborts. The declared {@code content-length} is enforced here. The bytes go to a
 * {@link ByteSink} attached when the message is handed over (the response set, the request
 * sent); until then up to {@value #DETACHED_LIMIT} bytes wait here, as in wasmtime's channel of
 * one chunk plus one, and a guest that writes more waits for the hand-over.
 */
final class OutgoingBody implements HttpResources.Owner {
    /** What one write may carry (wasmtime's DEFAULT_OUTGOING_BODY_CHUNK_SIZE). */
    static final long WRITE_PERMIT = 1 << 20;
    static final long DETACHED_LIMIT = 2 * WRITE_PERMIT;

    private final boolean request;
    private final long declared;
    private long written;
    private ByteSink target;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private List<Header> heldTrailers;
    private Runnable waitingForTarget;
    private boolean streamTaken;
    private boolean streamOpen;
    private boolean ended;
    private boolean aborted;
    private IOException failure;

    /**
     * @param request true for an outbound request's body (its size errors are {@code HTTP-request-body-size})
     * @param declared the {@code content-length} the headers declare, or -1
     */
    OutgoingBody(boolean request, long declared) {
        this.request = request;
        this.declared = declared;
    }

    /**
     * A body for a message with {@code headers}; none when their {@code content-length} does not
     * parse (wasmtime's {@code get_content_length}).
     */
    static Optional<OutgoingBody> declaredBy(Fields headers, boolean request) {
        try {
            return Optional.of(new OutgoingBody(request, headers.contentLength()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    long declared() {
        return declared;
    }

    /** The output-stream, the first time only; the guest dropping it does not end the body. */
    Optional<ByteSink> stream() {
        if (streamTaken) {
            return Optional.empty();
        }
        streamTaken = true;
        streamOpen = true;
        return Optional.of(new StreamView());
    }

    /**
     * {@code outgoing-body.finish}: {@code err(…-body-size(written))} (and the body aborted) when
     * fewer bytes than declared were written, else the end of the body with {@code trailers}.
     */
    ResultValue finish(List<Header> trailers) {
        if (streamOpen) {
            throw new TrapException("wasi:http outgoing-body.finish: the body's output-stream is still open; drop it first");
        }
        if (failure != null) {
            abort();
            return ResultValue.err(ErrorCodeException.codeOf(failure));
        }
        if (declared >= 0 && written != declared) {
            abort();
            return ResultValue.err(ErrorCodes.bodySize(request, written));
        }
        ended = true;
        if (target == null) {
            heldTrailers = trailers;
            return ResultValue.ok(null);
        }
        try {
            target.finish(trailers);
            return ResultValue.ok(null);
        } catch (IOException e) {
            return ResultValue.err(ErrorCodeException.codeOf(e));
        }
    }

    /** The message was handed over: what waited goes to {@code sink}, and so does everything after. */
    void attach(ByteSink sink) {
        target = sink;
        byte[] early = held.toByteArray();
        held = null;
        try {
            if (early.length > 0) {
                // At most DETACHED_LIMIT bytes, once: the sink's bound is a bound on what it buffers ahead.
                sink.write(early);
            }
            if (heldTrailers != null) {
                sink.finish(heldTrailers);
            }
        } catch (IOException e) {
            failure = e;
        }
        if (aborted) {
            sink.abort();
        }
        Runnable wake = waitingForTarget;
        waitingForTarget = null;
        if (wake != null) {
            wake.run();
        }
    }

    @Override
    public void released() {
        if (!ended) {
            abort();
        }
    }

    private void abort() {
        ended = true;
        aborted = true;
        if (target != null) {
            target.abort();
        }
    }

    /** The body as the guest's output-stream sees it. */
    private final class StreamView implements ByteSink {
        @Override
        public long writable() throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                throw new IOException("the body has ended");
            }
            if (target == null) {
                return Math.min(WRITE_PERMIT, DETACHED_LIMIT - held.size());
            }
            return Math.min(WRITE_PERMIT, target.writable());
        }

        @Override
        public void whenWritable(Runnable wake) {
            if (target != null) {
                target.whenWritable(wake);
            } else if (held.size() < DETACHED_LIMIT) {
                wake.run();
            } else {
                waitingForTarget = wake;
            }
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            writable();
            written += bytes.length;
            if (declared >= 0 && written > declared) {
                failure = new ErrorCodeException(ErrorCodes.bodySize(request, written),
                        "wrote " + written + " bytes to a body declared as " + declared);
                abort();
                throw failure;
            }
            if (target == null) {
                held.write(bytes);
            } else {
                target.write(bytes);
            }
        }

        @Override
        public void flush() throws IOException {
            if (target != null) {
                target.flush();
            }
        }

        /** The stream ends, not the body: {@code outgoing-body.finish} ends that. */
        @Override
        public void finish(List<Header> trailers) {
            streamOpen = false;
        }

        @Override
        public void abort() {
            streamOpen = false;
        }
    }
}
