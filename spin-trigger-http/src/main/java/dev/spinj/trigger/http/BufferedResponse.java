package dev.spinj.trigger.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A streamed response collected whole, for a request served in-process (a guest's request to its
 * own app, service chaining), whose caller takes the answer as one {@link OutboundResponse}. Its
 * sink never makes the guest wait: the caller is the same thread, waiting for the whole answer.
 */
final class BufferedResponse implements ResponseStream {
    /** The largest body a Java array holds. */
    private static final long MAX_BODY = Integer.MAX_VALUE - 8;
    private static final int PERMIT = 1 << 20;

    private OutboundResponse answer;
    private int status;
    private List<Header> headers;
    private ByteArrayOutputStream body;

    @Override
    public synchronized ByteSink respond(int status, List<Header> headers, long contentLength) {
        if (started()) {
            throw new IllegalStateException("the response was already given");
        }
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = new ByteArrayOutputStream();
        return new Collector();
    }

    @Override
    public synchronized boolean started() {
        return answer != null || body != null;
    }

    @Override
    public synchronized void fail(OutboundResponse answer) {
        if (!started()) {
            this.answer = answer;
        }
    }

    @Override
    public synchronized void end() {
        if (!started()) {
            answer = OutboundResponse.empty(500);
        }
    }

    /** In-process there is no connection to close: the caller gets an empty 500. */
    @Override
    public synchronized void drop() {
        end();
    }

    /** The answer once the guest is done: the host's, or the guest's head with what it wrote. */
    synchronized OutboundResponse toOutbound() {
        return answer != null ? answer : new OutboundResponse(status, headers, body.toByteArray());
    }

    private final class Collector implements ByteSink {
        @Override
        public long writable() {
            return PERMIT;
        }

        @Override
        public void whenWritable(Runnable wake) {
            wake.run();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            synchronized (BufferedResponse.this) {
                if (body.size() + (long) bytes.length > MAX_BODY) {
                    throw new IOException("a response served in-process holds at most " + MAX_BODY + " bytes");
                }
                body.write(bytes);
            }
        }

        @Override
        public void finish(List<Header> trailers) {}

        @Override
        public void abort() {}
    }
}
