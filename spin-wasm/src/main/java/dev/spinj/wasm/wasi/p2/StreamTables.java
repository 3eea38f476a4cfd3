package dev.spinj.wasm.wasi.p2;

import dev.spinj.wasm.io.ByteSink;
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
    public void close() {
        errors.clear();
        pollables.clear();
        List<RuntimeException> failures = new ArrayList<>();
        for (StreamResource<ReadAhead> input : inputs.clear()) {
            run(input.channel()::discard, failures);
        }
        for (StreamResource<ByteSink> output : outputs.clear()) {
            run(output.channel()::abort, failures);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** Runs one release, so a failing source does not keep the others open. */
    private static void run(Runnable release, List<RuntimeException> failures) {
        try {
            release.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
