package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.self;

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
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.io.ByteSink;
import dev.spinj.wasm.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams} (at every {@link
 * WasiVersion}), over the
 * byte channels the rest of the host shares ({@link ByteSource}, {@link ByteSink}), and the
 * resource types and handle tables other interfaces hand their streams and pollables out of:
 * wasi:cli's stdio, wasi:filesystem's descriptors and wasi:http's bodies all {@code use} these
 * exact {@link ResourceType} objects ({@link #withInputStream} and friends add them to an
 * interface).
 *
 * <p>One object serves every instance linked with it; the handle tables are per instance (kept
 * in the calling instance's {@link HostContext}), so an instance only ever sees its own reps and
 * whatever it leaves open, even by trapping, is released when its context closes.
 *
 * <p>Who hands out a stream learns when the guest is done with it: dropping an {@code
 * input-stream} runs its {@code dropped} action ({@link ByteSource#discard} unless the owner
 * gives another), dropping an {@code output-stream} runs its owner's action (none by default:
 * the owner {@link ByteSink#finish finishes} or {@link ByteSink#abort aborts} the sink, e.g.
 * wasi:http's {@code outgoing-body.finish}). Streams still open when the instance closes are
 * ended for the owner: sources discarded, sinks aborted.
 *
 * <p>Failures: an {@link IOException} from a channel is {@code last-operation-failed} with an
 * {@code error} whose debug string names the stream, and closes that handle; a {@link
 * ClosedChannelException} or a source's {@link ByteSource#END} is {@code closed}.
 */
public final class WasiStreams {
    /** The most a {@code blocking-*-and-flush} call may carry (the streams WIT's precondition). */
    static final long BLOCKING_WRITE_LIMIT = 4096;
    /** The most one read or skip returns, whatever the guest asks: a u64 length must not size a Java array. */
    static final int MAX_READ = 1 << 20;

    private final ResourceType error = ResourceType.defined("error", ResourceType.NO_DESTRUCTOR);
    private final ResourceType pollable = ResourceType.defined("pollable", ResourceType.NO_DESTRUCTOR);
    private final ResourceType inputStream = ResourceType.defined("input-stream", ResourceType.NO_DESTRUCTOR);
    private final ResourceType outputStream = ResourceType.defined("output-stream", ResourceType.NO_DESTRUCTOR);

    private final ValType streamError = new VariantType(List.of(
            new Case("last-operation-failed", new OwnType(error)), new Case("closed", null)));
    private final ValType unitOrStreamError = new ResultType(null, streamError);
    private final ValType u64OrStreamError = new ResultType(Primitive.U64, streamError);
    private final ValType bytesOrStreamError = new ResultType(new ListType(Primitive.U8), streamError);

    public ResourceType error() {
        return error;
    }

    public ResourceType pollable() {
        return pollable;
    }

    public ResourceType inputStream() {
        return inputStream;
    }

    public ResourceType outputStream() {
        return outputStream;
    }

    /**
     * A new {@code input-stream} (its rep, for an own handle) reading {@code source} in the calling
     * instance; the guest dropping it discards the source.
     *
     * @param name what messages call the stream ("stdin", "incoming-body of POST /x")
     */
    public int newInputStream(String name, ByteSource source) {
        return newInputStream(name, source, source::discard);
    }

    /** A new {@code input-stream} on {@code source}; {@code dropped} runs when the guest drops it. */
    public int newInputStream(String name, ByteSource source, Runnable dropped) {
        return tables().inputs.add(new StreamResource<>(name, ReadAhead.of(source), dropped));
    }

    /**
     * A new {@code output-stream} writing into {@code sink} in the calling instance; the guest
     * dropping it leaves the sink as it is (its owner finishes it).
     */
    public int newOutputStream(String name, ByteSink sink) {
        return newOutputStream(name, sink, () -> {});
    }

    /** A new {@code output-stream} into {@code sink}; {@code dropped} runs when the guest drops it. */
    public int newOutputStream(String name, ByteSink sink, Runnable dropped) {
        return tables().outputs.add(new StreamResource<>(name, sink, dropped));
    }

    /** A new {@code pollable} in the calling instance. */
    public int newPollable(Pollable p) {
        return tables().pollables.add(p);
    }

    /** A new {@code error} in the calling instance, with {@code debug} as its debug string. */
    public int newError(String debug) {
        return tables().errors.add(new IoError(debug, null));
    }

    /**
     * The I/O failure behind an {@code error} the calling instance passed (a borrow's rep), or
     * null when none caused it: what a channel's read or write threw, so an interface can tell
     * its own error code ({@code filesystem-error-code}, wasi:http's {@code http-error-code}).
     */
    public IOException errorCause(Object rep) {
        return tables().errors.get(rep).cause();
    }

    private Pollable pollableOf(Object rep) {
        return tables().pollables.get(rep);
    }

    /** Host resources (streams, pollables, errors) the calling instance holds handles to now. */
    public int liveResources() {
        return tables().live();
    }

    /** Adds the pollable resource an interface re-exports by {@code use wasi:io/poll.{pollable}}. */
    public HostInstance.Builder withPollable(HostInstance.Builder b) {
        return b.resource("pollable", pollable, (t, rep) -> tables().pollables.remove(rep));
    }

    public HostInstance.Builder withError(HostInstance.Builder b) {
        return b.resource("error", error, (t, rep) -> tables().errors.remove(rep));
    }

    public HostInstance.Builder withInputStream(HostInstance.Builder b) {
        return b.resource("input-stream", inputStream, (t, rep) -> dropped(tables().inputs.remove(rep)));
    }

    public HostInstance.Builder withOutputStream(HostInstance.Builder b) {
        return b.resource("output-stream", outputStream, (t, rep) -> dropped(tables().outputs.remove(rep)));
    }

    private static void dropped(StreamResource<?> stream) {
        if (stream != null) {
            stream.dropped().run();
        }
    }

    private StreamTables tables() {
        return HostContext.current().state(this, StreamTables::new);
    }

    /** Registers wasi:io at {@code version} (see {@link WasiVersion#RC_2023_10_18} for that one's shapes). */
    void addTo(Linker linker, WasiVersion version) {
        boolean rc1018 = version == WasiVersion.RC_2023_10_18;
        if (!rc1018) {
            linker.instance(version.of("wasi:io/error"), withErrorMethods(HostInstance.builder()).build());
        }
        linker.instance(version.of("wasi:io/poll"), (rc1018 ? pollFunctions1018() : pollFunctions()).build());
        linker.instance(version.of("wasi:io/streams"), streams(rc1018));
    }

    private HostInstance.Builder withErrorMethods(HostInstance.Builder b) {
        return withError(b).function("[method]error.to-debug-string",
                ComponentFunction.of(func(Primitive.STRING, self(error)), a -> tables().errors.get(a[0]).debug()));
    }

    private HostInstance.Builder pollFunctions() {
        return withPollable(HostInstance.builder())
                .function("[method]pollable.ready", ComponentFunction.of(func(Primitive.BOOL, self(pollable)), a -> pollableOf(a[0]).ready()))
                .function("[method]pollable.block", ComponentFunction.of(func(null, self(pollable)), a -> {
                    Poller.block(pollableOf(a[0]), "wasi:io/poll pollable.block");
                    return null;
                }))
                .function("poll", pollList("poll"));
    }

    /** rc-2023-10-18: the same waits, as free functions over method-less pollables. */
    private HostInstance.Builder pollFunctions1018() {
        return withPollable(HostInstance.builder())
                .function("poll-one", ComponentFunction.of(func(null, param("in", new BorrowType(pollable))), a -> {
                    Poller.block(pollableOf(a[0]), "wasi:io/poll poll-one");
                    return null;
                }))
                .function("poll-list", pollList("poll-list"));
    }

    private ComponentFunction pollList(String name) {
        return ComponentFunction.of(func(new ListType(Primitive.U32), param("in", new ListType(new BorrowType(pollable)))),
                a -> Poller.poll(((List<?>) a[0]).stream().map(this::pollableOf).toList(), "wasi:io/poll " + name));
    }

    /**
     * The streams interface; at rc-2023-10-18 it also carries {@code error}, and {@code splice}
     * takes the source by own handle (the stream is the host's afterwards, so it is released
     * once spliced) beside a {@code forward} that Spin no longer supports (a trap, as there).
     */
    private HostInstance streams(boolean rc1018) {
        HostInstance.Builder b = withOutputStream(withInputStream(withPollable(
                rc1018 ? withErrorMethods(HostInstance.builder()) : withError(HostInstance.builder()))));
        ValType bytes = new ListType(Primitive.U8);
        b.function("[method]input-stream.read", ComponentFunction.of(func(bytesOrStreamError, self(inputStream), param("len", Primitive.U64)),
                a -> read(input(a[0]), (Long) a[1], false)));
        b.function("[method]input-stream.blocking-read", ComponentFunction.of(func(bytesOrStreamError, self(inputStream), param("len", Primitive.U64)),
                a -> read(input(a[0]), (Long) a[1], true)));
        b.function("[method]input-stream.skip", ComponentFunction.of(func(u64OrStreamError, self(inputStream), param("len", Primitive.U64)),
                a -> skip(input(a[0]), (Long) a[1], false)));
        b.function("[method]input-stream.blocking-skip", ComponentFunction.of(func(u64OrStreamError, self(inputStream), param("len", Primitive.U64)),
                a -> skip(input(a[0]), (Long) a[1], true)));
        b.function("[method]input-stream.subscribe", ComponentFunction.of(func(new OwnType(pollable), self(inputStream)), a -> {
            StreamResource<ReadAhead> in = input(a[0]);
            return newPollable(in.closed() ? Pollable.readyNow() : in.channel().pollable());
        }));
        b.function("[method]output-stream.check-write", ComponentFunction.of(func(u64OrStreamError, self(outputStream)),
                a -> checkWrite(output(a[0]))));
        b.function("[method]output-stream.write", ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("contents", bytes)),
                a -> write(output(a[0]), new Contents((byte[]) a[1]), "write")));
        b.function("[method]output-stream.blocking-write-and-flush",
                ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("contents", bytes)),
                        a -> blockingWriteAndFlush(output(a[0]), new Contents((byte[]) a[1]), "blocking-write-and-flush")));
        b.function("[method]output-stream.flush", ComponentFunction.of(func(unitOrStreamError, self(outputStream)),
                a -> flush(output(a[0]), false)));
        b.function("[method]output-stream.blocking-flush", ComponentFunction.of(func(unitOrStreamError, self(outputStream)),
                a -> flush(output(a[0]), true)));
        b.function("[method]output-stream.subscribe", ComponentFunction.of(func(new OwnType(pollable), self(outputStream)), a -> {
            StreamResource<ByteSink> out = output(a[0]);
            return newPollable(out.closed() ? Pollable.readyNow() : Pollable.writable(out.channel()));
        }));
        b.function("[method]output-stream.write-zeroes", ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("len", Primitive.U64)),
                a -> write(output(a[0]), Contents.zeroes((Long) a[1]), "write-zeroes")));
        b.function("[method]output-stream.blocking-write-zeroes-and-flush",
                ComponentFunction.of(func(unitOrStreamError, self(outputStream), param("len", Primitive.U64)),
                        a -> blockingWriteAndFlush(output(a[0]), Contents.zeroes((Long) a[1]), "blocking-write-zeroes-and-flush")));
        ValType source = rc1018 ? new OwnType(inputStream) : new BorrowType(inputStream);
        for (boolean blocking : new boolean[] {false, true}) {
            b.function("[method]output-stream." + (blocking ? "blocking-splice" : "splice"), ComponentFunction.of(
                    func(u64OrStreamError, self(outputStream), param("src", source), param("len", Primitive.U64)), a -> {
                        ResultValue moved = splice(output(a[0]), input(a[1]), (Long) a[2], blocking);
                        if (rc1018) {
                            dropped(tables().inputs.remove((Integer) a[1]));
                        }
                        return moved;
                    }));
        }
        if (rc1018) {
            b.function("[method]output-stream.forward", ComponentFunction.of(func(u64OrStreamError, self(outputStream), param("src", source)),
                    a -> {
                        throw new TrapException("wasi:io/streams@" + WasiVersion.RC_2023_10_18.version()
                                + " output-stream.forward: the forward API is no longer supported (as in Spin)");
                    }));
        }
        return b.build();
    }

    private StreamResource<ReadAhead> input(Object rep) {
        return tables().inputs.get(rep);
    }

    private StreamResource<ByteSink> output(Object rep) {
        return tables().outputs.get(rep);
    }

    /** {@code read}/{@code blocking-read}: bytes available now (waiting for at least one when blocking). */
    private ResultValue read(StreamResource<ReadAhead> in, long len, boolean blocking) {
        try {
            return ResultValue.ok(take(in, len, blocking, "read"));
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    /** {@code skip}/{@code blocking-skip}: like read, but the guest only learns how many bytes went by. */
    private ResultValue skip(StreamResource<ReadAhead> in, long len, boolean blocking) {
        try {
            return ResultValue.ok((long) take(in, len, blocking, "skip").length);
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    /**
     * Up to {@code len} bytes (a u64) from {@code in}: what is there now, or, when {@code
     * blocking}, at least one byte after waiting. A zero-length request answers at once (the WIT
     * lets a guest probe a stream so).
     */
    private byte[] take(StreamResource<ReadAhead> in, long len, boolean blocking, String method) throws StreamFailure {
        if (in.closed()) {
            throw StreamFailure.closed();
        }
        int max = len < 0 || len > MAX_READ ? MAX_READ : (int) len;
        if (max == 0) {
            return new byte[0];
        }
        if (blocking) {
            Poller.block(in.channel().pollable(), "wasi:io/streams input-stream.blocking-" + method + " on " + in.name());
        }
        ByteBuffer chunk;
        try {
            chunk = in.channel().read(max);
        } catch (IOException e) {
            throw failed(in, e);
        }
        if (chunk == ByteSource.END) {
            in.close();
            throw StreamFailure.closed();
        }
        byte[] out = new byte[chunk.remaining()];
        chunk.get(out);
        return out;
    }

    private ResultValue checkWrite(StreamResource<ByteSink> out) {
        try {
            return ResultValue.ok(permit(out));
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    /** {@code write}/{@code write-zeroes}: writing more than the sink permits now breaks the WIT's precondition, so traps. */
    private ResultValue write(StreamResource<ByteSink> out, Contents contents, String method) {
        try {
            // a permit beyond what one Java array holds still bounds write-zeroes by an array
            long permit = Math.min(permit(out), Integer.MAX_VALUE - 8);
            if (Long.compareUnsigned(contents.length(), permit) > 0) {
                throw tooMuch(out, method, contents, permit);
            }
            put(out, contents.slice(0, (int) contents.length()));
            return ResultValue.ok(null);
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    /**
     * {@code blocking-write-and-flush} (and its zeroes twin) as the WIT spells it out: wait for a
     * permit, write what it allows, until all is written; then flush and wait for the flush.
     */
    private ResultValue blockingWriteAndFlush(StreamResource<ByteSink> out, Contents contents, String method) {
        if (Long.compareUnsigned(contents.length(), BLOCKING_WRITE_LIMIT) > 0) {
            throw tooMuch(out, method, contents, BLOCKING_WRITE_LIMIT);
        }
        try {
            int length = (int) contents.length();
            int done = 0;
            do {
                int n = (int) Math.min(awaitPermit(out, method), length - done);
                put(out, contents.slice(done, done + n));
                done += n;
            } while (done < length);
            flushNow(out);
            awaitPermit(out, method);
            return ResultValue.ok(null);
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    private static TrapException tooMuch(StreamResource<ByteSink> out, String method, Contents contents, long permit) {
        return new TrapException("wasi:io/streams output-stream." + method + " on " + out.name() + ": "
                + Long.toUnsignedString(contents.length()) + " bytes exceed the " + permit + " permitted");
    }

    /** {@code flush} pushes buffered bytes on; {@code blocking-flush} then waits until the sink takes more. */
    private ResultValue flush(StreamResource<ByteSink> out, boolean blocking) {
        try {
            flushNow(out);
            if (blocking) {
                awaitPermit(out, "blocking-flush");
            }
            return ResultValue.ok(null);
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    /**
     * {@code splice}/{@code blocking-splice}: moves up to {@code len} bytes from {@code in} to
     * {@code out}, no more than {@code out} permits; blocking waits for the input to have bytes and
     * the output a permit first. Either side's failure is the result.
     */
    private ResultValue splice(StreamResource<ByteSink> out, StreamResource<ReadAhead> in, long len, boolean blocking) {
        try {
            long permit = blocking ? awaitPermit(out, "blocking-splice") : permit(out);
            long n = Long.compareUnsigned(len, permit) < 0 ? len : permit;
            if (n == 0) {
                return ResultValue.ok(0L);
            }
            byte[] moved = take(in, n, blocking, "splice");
            put(out, moved);
            return ResultValue.ok((long) moved.length);
        } catch (StreamFailure f) {
            return f.result;
        }
    }

    private long permit(StreamResource<ByteSink> out) throws StreamFailure {
        if (out.closed()) {
            throw StreamFailure.closed();
        }
        try {
            return out.channel().writable();
        } catch (IOException e) {
            throw failed(out, e);
        }
    }

    /** A positive permit, waiting for the sink when it has none. */
    private long awaitPermit(StreamResource<ByteSink> out, String method) throws StreamFailure {
        long permit;
        while ((permit = permit(out)) == 0) {
            Poller.block(Pollable.writable(out.channel()), "wasi:io/streams output-stream." + method + " on " + out.name());
        }
        return permit;
    }

    private void put(StreamResource<ByteSink> out, byte[] contents) throws StreamFailure {
        try {
            out.channel().write(contents);
        } catch (IOException e) {
            throw failed(out, e);
        }
    }

    private void flushNow(StreamResource<ByteSink> out) throws StreamFailure {
        if (out.closed()) {
            throw StreamFailure.closed();
        }
        try {
            out.channel().flush();
        } catch (IOException e) {
            throw failed(out, e);
        }
    }

    /**
     * What a channel's failure is to the guest: closed already ({@link ClosedChannelException}),
     * or {@code last-operation-failed} with the cause; either way the handle is closed from now on.
     */
    private StreamFailure failed(StreamResource<?> stream, IOException e) {
        stream.close();
        if (e instanceof ClosedChannelException) {
            return StreamFailure.closed();
        }
        int err = tables().errors.add(new IoError(stream.name() + ": " + e.getMessage(), e));
        return new StreamFailure(ResultValue.err(new VariantValue("last-operation-failed", err)));
    }

    /**
     * What a write carries: the guest's bytes, or {@code length} (a u64) zeroes made only once the
     * length is known to be permitted.
     */
    private record Contents(long length, byte[] bytes) {
        Contents(byte[] bytes) {
            this(bytes.length, bytes);
        }

        static Contents zeroes(long length) {
            return new Contents(length, null);
        }

        byte[] slice(int from, int to) {
            if (bytes == null) {
                return new byte[to - from];
            }
            return from == 0 && to == bytes.length ? bytes : Arrays.copyOfRange(bytes, from, to);
        }
    }

    /** A stream-error result, thrown out of the helpers so each WIT function is one try. */
    private static final class StreamFailure extends Exception {
        private final ResultValue result;

        StreamFailure(ResultValue result) {
            super(null, null, false, false);
            this.result = result;
        }

        static StreamFailure closed() {
            return new StreamFailure(ResultValue.err(VariantValue.of("closed")));
        }
    }
}
