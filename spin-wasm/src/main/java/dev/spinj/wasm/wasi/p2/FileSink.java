package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Writes into a file from an offset on ({@code descriptor.write-via-stream}) or at its end
 * ({@code append-via-stream}), straight through: the permit is free again after every write.
 * Positional writes leave the channel's own position to other streams of the same file.
 */
final class FileSink implements ByteSink {
    private final FileChannel file;
    private final boolean append;
    private long position;

    private FileSink(FileChannel file, long offset, boolean append) {
        this.file = file;
        this.position = offset;
        this.append = append;
    }

    static FileSink at(FileChannel file, long offset) {
        return new FileSink(file, offset, false);
    }

    static FileSink appending(FileChannel file) {
        return new FileSink(file, 0, true);
    }

    @Override
    public long writable() {
        return OutputStreamSink.PERMIT;
    }

    @Override
    public void whenWritable(Runnable wake) {
        wake.run();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (append) {
            position = file.size();
        }
        while (buffer.hasRemaining()) {
            position += file.write(buffer, position);
        }
    }

    /** The descriptor owns the file: finishing a stream of it closes nothing. */
    @Override
    public void finish(List<Header> trailers) {}

    @Override
    public void abort() {}
}
