package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file's bytes from an offset on ({@code descriptor.read-via-stream}): a local file never
 * makes the reader wait, so it is always readable; reading past the end is {@link #END}.
 * Positional reads leave the channel's own position to other streams of the same file.
 */
final class FileSource implements ByteSource {
    private final FileChannel file;
    private long position;

    FileSource(FileChannel file, long offset) {
        this.file = file;
        this.position = offset;
    }

    @Override
    public ByteBuffer read(int max) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(max, ReadAhead.CHUNK));
        int n = file.read(buffer, position);
        if (n < 0) {
            return END;
        }
        position += n;
        return buffer.flip();
    }

    @Override
    public void whenReadable(Runnable wake) {
        wake.run();
    }
}
