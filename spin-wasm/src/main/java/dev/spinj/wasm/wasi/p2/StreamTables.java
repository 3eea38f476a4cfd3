package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.io.ByteSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance's {@code wasi:io} resources (kept in its {@code HostContext}, so instances never
 * see each other's reps). Closing it with the instance ends what the guest left open, trapped or
 * not: live input streams' sources are discarded and live output streams' sinks aborted.
 */
final class StreamTables implements AutoCloseable {
    final ResourceTable<IoError> errors = new ResourceTable<>("error");
    final ResourceTable<Pollable> pollables = new ResourceTable<>("pollable");
    final ResourceTable<StreamResource<ReadAhead>> inputs = new ResourceTable<>("input-stream");
    final ResourceTable<StreamResource<ByteSink>> outputs = new ResourceTable<>("output-stream");

    int live() {
        return errors.size() + pollables.size() + inputs.size() + outputs.size();
    }

    @Override
    public void close() throws IOException {
        errors.clear();
        pollables.clear();
        List<AutoCloseable> ends = new ArrayList<>();
        for (StreamResource<ReadAhead> input : inputs.clear()) {
            ends.add(input.channel()::discard);
        }
        for (StreamResource<ByteSink> output : outputs.clear()) {
            ends.add(output.channel()::abort);
        }
        Releases.closeAll(ends);
    }
}
