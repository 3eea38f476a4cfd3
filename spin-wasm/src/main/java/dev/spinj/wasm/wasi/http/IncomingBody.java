package dev.spinj.wasm.wasi.http;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * An {@code incoming-body}: its bytes go to the guest through one {@code input-stream}, then
 * {@code finish} turns what is left into {@code future-trailers}. The stream is the body's child:
 * finishing while it is still open traps, as wasmtime's resource table does.
 */
final class IncomingBody implements HttpResources.Owner {
    private final ByteSource source;
    private boolean streamTaken;
    private boolean streamOpen;

    IncomingBody(ByteSource source) {
        this.source = source;
    }

    /** The body's bytes, the first time only; the guest dropping the stream does not end the body. */
    Optional<ByteSource> stream() {
        if (streamTaken) {
            return Optional.empty();
        }
        streamTaken = true;
        streamOpen = true;
        return Optional.of(new StreamView());
    }

    /** The trailers, after whatever the guest did not read. */
    FutureTrailers finish() {
        if (streamOpen) {
            throw new TrapException("wasi:http incoming-body.finish: the body's input-stream is still open; drop it first");
        }
        return new FutureTrailers(source);
    }

    @Override
    public void released() {
        source.discard();
    }

    /** The body as the guest's input-stream sees it: dropping it only closes the stream. */
    private final class StreamView implements ByteSource {
        @Override
        public ByteBuffer read(int max) throws IOException {
            return source.read(max);
        }

        @Override
        public void whenReadable(Runnable wake) {
            source.whenReadable(wake);
        }

        @Override
        public List<Header> trailers() {
            return source.trailers();
        }

        @Override
        public void discard() {
            streamOpen = false;
        }
    }
}
