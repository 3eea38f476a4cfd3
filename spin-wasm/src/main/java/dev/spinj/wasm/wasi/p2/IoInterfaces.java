package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wasi.p2.Signatures.func;
import static dev.spinj.wasm.wasi.p2.Signatures.param;
import static dev.spinj.wasm.wasi.p2.Signatures.self;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams} at 0.2.0, and the
 * resource tables other interfaces hand their streams and pollables out of. Input streams are
 * empty (stdin of an HTTP or Redis component: SPEC2 §5); output streams write into Java streams.
 */
final class IoInterfaces {
    /** What check-write grants: sinks are written through, so the whole permit is free again after each write. */
    static final long WRITE_PERMIT = 1 << 20;
    /** The most a {@code blocking-*-and-flush} call may carry (the streams WIT's precondition). */
    static final long BLOCKING_WRITE_LIMIT = 4096;

    final ResourceType error = ResourceType.defined("error", ResourceType.NO_DESTRUCTOR);
    final ResourceType pollable = ResourceType.defined("pollable", ResourceType.NO_DESTRUCTOR);
    final ResourceType inputStream = ResourceType.defined("input-stream", ResourceType.NO_DESTRUCTOR);
    final ResourceType outputStream = ResourceType.defined("output-stream", ResourceType.NO_DESTRUCTOR);

    private final ResourceTable<String> errors = new ResourceTable<>("error");
    private final ResourceTable<Pollable> pollables = new ResourceTable<>("pollable");
    private final ResourceTable<String> inputs = new ResourceTable<>("input-stream");
    private final ResourceTable<OutputSink> outputs = new ResourceTable<>("output-stream");

    private final ValType streamError = new VariantType(List.of(
            new Case("last-operation-failed", new OwnType(error)), new Case("closed", null)));
    private final ValType unitOrStreamError = new ResultType(null, streamError);
    private final ValType u64OrStreamError = new ResultType(Primitive.U64, streamError);
    private final ValType bytesOrStreamError = new ResultType(new ListType(Primitive.U8), streamError);

    /** A new pollable (its rep, for an own handle) ready at {@code pollable.readyAt()}. */
    int pollable(Pollable p) {
        return pollables.add(p);
    }

    /** A new output stream handle on {@code sink}; handles on one sink share its closed state. */
    int outputStream(OutputSink sink) {
        return outputs.add(sink);
    }

    /** A new input stream at its end (no bytes, closed). */
    int emptyInputStream(String name) {
        return inputs.add(name);
    }

    /** Host resources the guests hold now (for leak checks in tests). */
    int liveResources() {
        return errors.size() + pollables.size() + inputs.size() + outputs.size();
    }

    void addTo(Linker linker) {
        linker.instance("wasi:io/error@0.2.0", withError(HostInstance.builder())
                .function("[method]error.to-debug-string", ComponentFunction.of(func(Primitive.STRING, self(error)), a -> errors.get(a[0])))
                .build());
        linker.instance("wasi:io/poll@0.2.0", withPollable(HostInstance.builder())
                .function("[method]pollable.ready", ComponentFunction.of(func(Primitive.BOOL, self(pollable)), a -> pollables.get(a[0]).ready()))
                .function("[method]pollable.block", ComponentFunction.of(func(null, self(pollable)), a -> {
                    pollables.get(a[0]).block();
                    return null;
                }))
                .function("poll", ComponentFunction.of(func(new ListType(Primitive.U32), param("in", new ListType(new BorrowType(pollable)))),
                        a -> poll((List<?>) a[0])))
                .build());
        linker.instance("wasi:io/streams@0.2.0", streams());
    }

    /** Adds the pollable resource an interface re-exports by {@code use wasi:io/poll.{pollable}}. */
    HostInstance.Builder withPollable(HostInstance.Builder b) {
        return b.resource("pollable", pollable, (t, rep) -> pollables.remove(rep));
    }

    HostInstance.Builder withError(HostInstance.Builder b) {
        return b.resource("error", error, (t, rep) -> errors.remove(rep));
    }

    HostInstance.Builder withInputStream(HostInstance.Builder b) {
        return b.resource("input-stream", inputStream, (t, rep) -> inputs.remove(rep));
    }

    HostInstance.Builder withOutputStream(HostInstance.Builder b) {
        return b.resource("output-stream", outputStream, (t, rep) -> outputs.remove(rep));
    }

    /**
     * Blocks until at least one pollable is ready and returns the indexes of the ready ones. The
     * WIT forbids an empty list (nothing could ever become ready), so that traps.
     */
    private List<Long> poll(List<?> reps) {
        if (reps.isEmpty()) {
            throw new TrapException("wasi:io/poll poll: the list of pollables is empty");
        }
        List<Pollable> waiting = reps.stream().map(pollables::get).toList();
        waiting.stream().min((x, y) -> Long.compare(x.readyAt() - y.readyAt(), 0)).orElseThrow().block();
        List<Long> ready = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).ready()) {
                ready.add((long) i);
            }
        }
        return ready;
    }

    private HostInstance streams() {
        HostInstance.Builder b = withOutputStream(withInputStream(withPollable(withError(HostInstance.builder()))));
        ValType bytes = new ListType(Primitive.U8);
        for (String m : List.of("read", "blocking-read")) {
            b.function("[method]input-stream." + m, ComponentFunction.of(func(bytesOrStreamError, self(inputStream), param("len", Primitive.U64)),
                    a -> closedInput(a[0])));
        }
        for (String m : List.of("skip", "blocking-skip")) {
            b.function("[method]input-stream." + m, ComponentFunction.of(func(u64OrStreamError, self(inputStream), param("len", Primitive.U64)),
                    a -> closedInput(a[0])));
        }
        b.function("[method]input-stream.subscribe", ComponentFunction.of(func(new OwnType(pollable), self(inputStream)), a -> {
            inputs.get(a[0]);
            return pollable(Pollable.readyNow());
        }));
        b.function("[method]output-stream.check-write", ComponentFunction.of(func(u64OrStreamError, self(outputStream)), a -> {
            OutputSink sink = outputs.get(a[0]);
            return sink.closed() ? ResultValue.err(VariantValue.of("closed")) : ResultValue.ok(WRITE_PERMIT);
        }));
        b.function("[method]output-stream.write", ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("contents", bytes)),
                a -> write(a[0], (byte[]) a[1], WRITE_PERMIT, "write", false)));
        b.function("[method]output-stream.blocking-write-and-flush",
                ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("contents", bytes)),
                        a -> write(a[0], (byte[]) a[1], BLOCKING_WRITE_LIMIT, "blocking-write-and-flush", true)));
        for (String m : List.of("flush", "blocking-flush")) {
            b.function("[method]output-stream." + m, ComponentFunction.of(func(unitOrStreamError, self(outputStream)),
                    a -> write(a[0], new byte[0], 0, m, true)));
        }
        b.function("[method]output-stream.subscribe", ComponentFunction.of(func(new OwnType(pollable), self(outputStream)), a -> {
            outputs.get(a[0]);
            return pollable(Pollable.readyNow());
        }));
        b.function("[method]output-stream.write-zeroes", ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("len", Primitive.U64)),
                a -> write(a[0], zeroes((Long) a[1], WRITE_PERMIT, "write-zeroes"), WRITE_PERMIT, "write-zeroes", false)));
        b.function("[method]output-stream.blocking-write-zeroes-and-flush",
                ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("len", Primitive.U64)),
                        a -> write(a[0], zeroes((Long) a[1], BLOCKING_WRITE_LIMIT, "blocking-write-zeroes-and-flush"),
                                BLOCKING_WRITE_LIMIT, "blocking-write-zeroes-and-flush", true)));
        for (String m : List.of("splice", "blocking-splice")) {
            b.function("[method]output-stream." + m, ComponentFunction.of(func(u64OrStreamError, self(outputStream),
                    param("src", new BorrowType(inputStream)), param("len", Primitive.U64)), a -> {
                        outputs.get(a[0]);
                        return closedInput(a[1]);
                    }));
        }
        return b.build();
    }

    /** Every input stream here is at its end: reading or skipping reports {@code closed}. */
    private ResultValue closedInput(Object rep) {
        inputs.get(rep);
        return ResultValue.err(VariantValue.of("closed"));
    }

    /**
     * One write as the streams WIT specifies it: more than the permit (check-write's, or 4096 for
     * the blocking convenience calls) breaks the precondition and traps; a closed stream answers
     * {@code closed}; an I/O failure becomes {@code last-operation-failed} with an error resource.
     */
    private ResultValue write(Object rep, byte[] contents, long limit, String method, boolean flush) {
        OutputSink sink = outputs.get(rep);
        if (contents.length > limit) {
            throw new TrapException("wasi:io/streams output-stream." + method + " on " + sink.name() + ": "
                    + contents.length + " bytes exceed the " + limit + " permitted");
        }
        if (sink.closed()) {
            return ResultValue.err(VariantValue.of("closed"));
        }
        try {
            sink.write(contents, flush);
            return ResultValue.ok(null);
        } catch (IOException e) {
            int err = errors.add(sink.name() + ": " + e.getMessage());
            return ResultValue.err(new VariantValue("last-operation-failed", err));
        }
    }

    private static byte[] zeroes(long len, long limit, String method) {
        if (len < 0 || len > limit) {
            throw new TrapException("wasi:io/streams output-stream." + method + ": " + Long.toUnsignedString(len)
                    + " bytes exceed the " + limit + " permitted");
        }
        return new byte[(int) len];
    }
}
