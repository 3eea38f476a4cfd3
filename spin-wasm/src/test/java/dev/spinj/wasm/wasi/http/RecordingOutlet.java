package dev.spinj.wasm.wasi.http;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The trigger's side of a response as a test sees it: the head, the bytes, how the body ended. */
final class RecordingOutlet implements ResponseOutlet {
    int status = -1;
    List<Header> headers;
    long contentLength;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Header> trailers;
    boolean aborted;

    @Override
    public ByteSink respond(int status, List<Header> headers, long contentLength) {
        this.status = status;
        this.headers = headers;
        this.contentLength = contentLength;
        return new ByteSink() {
            @Override
            public long writable() {
                return 1 << 20;
            }

            @Override
            public void whenWritable(Runnable wake) {
                wake.run();
            }

            @Override
            public void write(byte[] bytes) {
                body.writeBytes(bytes);
            }

            @Override
            public void finish(List<Header> t) {
                trailers = t;
            }

            @Override
            public void abort() {
                aborted = true;
            }
        };
    }

    boolean responded() {
        return status >= 0;
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The values of response header {@code name}, in order. */
    List<String> header(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).toList();
    }
}
