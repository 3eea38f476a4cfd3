package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.OwnType;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * wasi-streams.wat on {@link WasiStreams} through the component-model engine and Chicory, with
 * streams over channels the test drives: each instance runs in its own {@link HostContext}, as
 * ComponentPre makes them.
 */
@Timeout(60)
class WasiStreamsTest {
    private final WasiStreams streams = new WasiStreams();
    private final TestSource source = new TestSource();
    private final TestSink sink = new TestSink(0);
    private final AtomicInteger sinkDrops = new AtomicInteger();
    private final LinkedComponent component = link();
    private final List<HostContext> contexts = new ArrayList<>();

    private LinkedComponent link() {
        HostInstance channels = streams.withOutputStream(streams.withInputStream(HostInstance.builder()))
                .function("source", ComponentFunction.of(func(new OwnType(streams.inputStream())),
                        a -> streams.newInputStream("test source", source)))
                .function("sink", ComponentFunction.of(func(new OwnType(streams.outputStream())),
                        a -> streams.newOutputStream("test sink", sink, sinkDrops::incrementAndGet)))
                .build();
        Linker linker = new Linker().instance("spinj:test/channels", channels);
        streams.addTo(linker, WasiVersion.V0_2_0);
        try (InputStream in = getClass().getResourceAsStream("/wasip2/wasi-streams.wasm")) {
            return linker.link(ComponentParser.parse(in.readAllBytes()), "wasi-streams");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh instance with its own context, as ComponentPre makes one per event. */
    private InstanceInContext instantiate() {
        InstanceInContext i = InstanceInContext.instantiate(component, "wasi-streams",
                WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        contexts.add(i.context());
        return i;
    }

    private int liveResources(InstanceInContext i) {
        return i.inside(streams::liveResources);
    }

    @AfterEach
    void closeInstances() {
        contexts.forEach(HostContext::close);
    }

    @Test
    void anInstanceThatTrapsWithLiveStreamsLeavesNothingBehindWhenClosed() {
        InstanceInContext i = instantiate();
        assertThrows(TrapException.class, () -> i.call("hold-and-trap"));
        assertEquals(4, liveResources(i), "two streams and their pollables stay until the instance closes");
        i.context().close();
        assertEquals(0, liveResources(i));
        assertTrue(source.discarded(), "the live input stream's source is discarded");
        assertTrue(sink.aborted(), "the live output stream's sink is aborted");
    }

    @Test
    void droppingAnInputStreamDiscardsItsSource() {
        InstanceInContext i = instantiate();
        i.call("drop-source");
        assertTrue(source.discarded());
        assertEquals(0, liveResources(i));
    }

    @Test
    void droppingAnOutputStreamTellsItsOwnerAndLeavesTheSinkOpen() {
        InstanceInContext i = instantiate();
        i.call("drop-sink");
        assertEquals(1, sinkDrops.get());
        assertFalse(sink.aborted() || sink.finished(), "the owner ends the sink, not the drop");
        assertEquals(0, liveResources(i));
    }

    @Test
    void twoInstancesNeverSeeEachOthersHandles() {
        InstanceInContext a = instantiate();
        InstanceInContext b = instantiate();
        a.call("take-source");
        assertEquals(1, liveResources(a));
        assertEquals(0, liveResources(b), "b's table holds nothing of a's");
        b.call("take-source");
        b.context().close();
        assertEquals(1, liveResources(a), "closing b leaves a's stream alone");
        assertEquals(0, liveResources(b));
    }

    /** An instance that took the source and the sink into its globals (wasi-streams.wat's open). */
    private InstanceInContext opened() {
        InstanceInContext i = instantiate();
        i.call("open");
        return i;
    }

    private static Object ok(Object result) {
        return assertInstanceOf(ResultValue.Ok.class, result, () -> "expected ok, got " + result).value();
    }

    /** The guest's rendering of a stream-error: "closed" or the error's debug string. */
    private static String err(Object result) {
        return (String) assertInstanceOf(ResultValue.Err.class, result, () -> "expected err, got " + result).value();
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, UTF_8);
    }

    /** Runs {@code step} on another thread (the producer or consumer side of a channel). */
    private static CompletableFuture<Void> meanwhile(Runnable step) {
        return CompletableFuture.runAsync(step, runnable -> new Thread(runnable, "channel-peer").start());
    }

    /** Runs {@code step} on another thread once the guest waits for the source. */
    private CompletableFuture<Void> onceReaderWaits(Runnable step) {
        return meanwhile(() -> {
            source.awaitReader();
            step.run();
        });
    }

    /** Runs {@code step} on another thread once the guest waits for the sink. */
    private CompletableFuture<Void> onceWriterWaits(Runnable step) {
        return meanwhile(() -> {
            sink.awaitWriter();
            step.run();
        });
    }

    private static void finished(CompletableFuture<Void> step) throws Exception {
        step.get(30, TimeUnit.SECONDS);
    }

    @Test
    void readReturnsTheBytesThereNowAndNothingWhenNoneHaveArrived() {
        InstanceInContext i = opened();
        source.offer(bytes("hello"));
        assertEquals("hello", text(ok(i.call("read", 100L))));
        assertEquals("", text(ok(i.call("read", 100L))));
    }

    @Test
    void readReturnsAtMostTheAskedLength() {
        InstanceInContext i = opened();
        source.offer(bytes("hello"));
        assertEquals("he", text(ok(i.call("read", 2L))));
        assertEquals("llo", text(ok(i.call("read", 10L))));
    }

    @Test
    void readAfterTheEndIsClosed() {
        InstanceInContext i = opened();
        source.offer(bytes("x"));
        source.end();
        assertEquals("x", text(ok(i.call("read", 10L))));
        assertEquals("closed", err(i.call("read", 10L)));
        assertEquals("closed", err(i.call("read", 10L)));
    }

    @Test
    void aFailingSourceIsLastOperationFailedWithItsCauseThenClosed() {
        InstanceInContext i = opened();
        source.fail(new IOException("connection reset"));
        assertEquals("test source: connection reset", err(i.call("read", 10L)));
        assertEquals("closed", err(i.call("read", 10L)));
        assertEquals(2, liveResources(i), "the guest dropped the error; the two streams remain");
    }

    @Test
    void blockingReadWaitsUntilBytesArrive() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> producer = onceReaderWaits(() -> source.offer(bytes("late")));
        assertEquals("late", text(ok(i.call("blocking-read", 10L))));
        finished(producer);
    }

    @Test
    void blockingReadThatMeetsTheEndIsClosed() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> producer = onceReaderWaits(source::end);
        assertEquals("closed", err(i.call("blocking-read", 10L)));
        finished(producer);
    }

    @Test
    void skipCountsTheBytesItPassedOver() {
        InstanceInContext i = opened();
        source.offer(bytes("hello"));
        assertEquals(3L, ok(i.call("skip", 3L)));
        assertEquals("lo", text(ok(i.call("read", 10L))));
    }

    @Test
    void blockingSkipWaitsForBytes() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> producer = onceReaderWaits(() -> source.offer(bytes("abc")));
        assertEquals(3L, ok(i.call("blocking-skip", 10L)));
        finished(producer);
    }

    @Test
    void anInputStreamIsReadyOnlyWhileAReadWouldReturnSomething() {
        InstanceInContext i = opened();
        assertEquals(false, i.call("input-ready"));
        source.offer(bytes("a"));
        assertEquals(true, i.call("input-ready"));
        assertEquals(true, i.call("input-ready"), "looking does not use the bytes up");
        assertEquals("a", text(ok(i.call("read", 10L))));
        assertEquals(false, i.call("input-ready"));
    }

    @Test
    void blockOnAnInputPollableWaitsForBytes() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> producer = onceReaderWaits(() -> source.offer(bytes("z")));
        assertEquals(true, i.call("block-input"));
        finished(producer);
        assertEquals("z", text(ok(i.call("read", 10L))));
    }

    @Test
    void pollReturnsTheInputAloneWhenBytesArriveAndTheSinkHasNoPermit() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> producer = onceReaderWaits(() -> source.offer(bytes("data")));
        assertEquals(List.of(0L), i.call("poll-both"));
        finished(producer);
    }

    @Test
    void pollReturnsEveryReadyPollable() {
        InstanceInContext i = opened();
        source.offer(bytes("data"));
        sink.grant(1);
        assertEquals(List.of(0L, 1L), i.call("poll-both"));
    }

    @Test
    void checkWriteIsTheSinksPermit() {
        InstanceInContext i = opened();
        sink.grant(7);
        assertEquals(7L, ok(i.call("check-write")));
    }

    @Test
    void aWriteWithinThePermitReachesTheSink() {
        InstanceInContext i = opened();
        sink.grant(5);
        assertNull(ok(i.call("write", (Object) bytes("hello"))));
        assertEquals("hello", text(sink.received()));
    }

    @Test
    void aWriteBeyondThePermitTraps() {
        InstanceInContext i = opened();
        sink.grant(4);
        TrapException t = assertThrows(TrapException.class, () -> i.call("write", (Object) bytes("hello")));
        assertTrue(t.getMessage().contains("output-stream.write on test sink: 5 bytes exceed the 4 permitted"), t.getMessage());
        assertEquals(0, sink.received().length);
    }

    @Test
    void blockingWriteAndFlushWritesAsThePermitAllowsThenFlushes() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> consumer = meanwhile(() -> {
            sink.awaitWriter();
            sink.grant(2);
            sink.awaitWriter();
            sink.grant(100);
        });
        assertNull(ok(i.call("blocking-write-and-flush", (Object) bytes("hello"))));
        finished(consumer);
        assertEquals("hello", text(sink.received()));
        assertEquals(1, sink.flushes());
    }

    @Test
    void blockingWriteAndFlushOfMoreThan4096BytesTraps() {
        InstanceInContext i = opened();
        sink.grant(10_000);
        TrapException t = assertThrows(TrapException.class, () -> i.call("blocking-write-and-flush", (Object) new byte[4097]));
        assertTrue(t.getMessage().contains("blocking-write-and-flush on test sink: 4097 bytes exceed the 4096 permitted"), t.getMessage());
    }

    @Test
    void flushPushesTheSinkOn() {
        InstanceInContext i = opened();
        assertNull(ok(i.call("flush")));
        assertEquals(1, sink.flushes());
    }

    @Test
    void blockingFlushWaitsUntilTheSinkTakesMore() throws Exception {
        InstanceInContext i = opened();
        CompletableFuture<Void> consumer = onceWriterWaits(() -> sink.grant(1));
        assertNull(ok(i.call("blocking-flush")));
        finished(consumer);
        assertEquals(1, sink.flushes());
    }

    @Test
    void writeZeroesWritesThatManyZeroBytes() {
        InstanceInContext i = opened();
        sink.grant(10);
        assertNull(ok(i.call("write-zeroes", 3L)));
        assertArrayEquals(new byte[3], sink.received());
    }

    @Test
    void writeZeroesBeyondThePermitTrapsBeforeAllocating() {
        InstanceInContext i = opened();
        sink.grant(10);
        TrapException t = assertThrows(TrapException.class, () -> i.call("write-zeroes", -1L));
        assertTrue(t.getMessage().contains("write-zeroes on test sink: 18446744073709551615 bytes exceed the 10 permitted"), t.getMessage());
    }

    @Test
    void blockingWriteZeroesAndFlushWritesThenWaitsForTheFlush() throws Exception {
        InstanceInContext i = opened();
        sink.grant(4096);
        CompletableFuture<Void> consumer = onceWriterWaits(() -> sink.grant(1));
        assertNull(ok(i.call("blocking-write-zeroes-and-flush", 4096L)));
        finished(consumer);
        assertArrayEquals(new byte[4096], sink.received());
        assertEquals(1, sink.flushes());
    }

    @Test
    void spliceMovesNoMoreThanTheSinkPermits() {
        InstanceInContext i = opened();
        source.offer(bytes("hello"));
        sink.grant(3);
        assertEquals(3L, ok(i.call("splice", 10L)));
        assertEquals("hel", text(sink.received()));
        assertEquals("lo", text(ok(i.call("read", 10L))));
    }

    @Test
    void spliceFromAnEndedSourceIsClosed() {
        InstanceInContext i = opened();
        source.end();
        sink.grant(10);
        assertEquals("closed", err(i.call("splice", 10L)));
    }

    @Test
    void blockingSpliceWaitsForTheSource() throws Exception {
        InstanceInContext i = opened();
        sink.grant(10);
        CompletableFuture<Void> producer = onceReaderWaits(() -> source.offer(bytes("abc")));
        assertEquals(3L, ok(i.call("blocking-splice", 10L)));
        finished(producer);
        assertEquals("abc", text(sink.received()));
    }

    @Test
    void aFailingSinkIsLastOperationFailedWithItsCauseThenClosed() {
        InstanceInContext i = opened();
        sink.fail(new IOException("client went away"));
        assertEquals("test sink: client went away", err(i.call("check-write")));
        assertEquals("closed", err(i.call("check-write")));
        assertEquals(true, i.call("output-ready"), "a closed stream never makes the guest wait");
    }

    @Test
    void anInterruptEndsABlockingReadAndStaysSet() throws Exception {
        InstanceInContext i = opened();
        Thread caller = Thread.currentThread();
        CompletableFuture<Void> interrupter = onceReaderWaits(caller::interrupt);
        try {
            assertThrows(ChicoryInterruptedException.class, () -> i.call("blocking-read", 10L));
        } finally {
            boolean stillInterrupted = Thread.interrupted();
            finished(interrupter);
            assertTrue(stillInterrupted, "the interrupt stays set for the caller to see");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
