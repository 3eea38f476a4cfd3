package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wasi.p2.Signatures.func;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.ComponentInstance;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.OwnType;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        streams.addTo(linker);
        try (InputStream in = getClass().getResourceAsStream("/wasip2/wasi-streams.wasm")) {
            return linker.link(ComponentParser.parse(in.readAllBytes()), "wasi-streams");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh instance with its own context, as ComponentPre makes one per event. */
    private Instance instantiate() {
        HostContext context = new HostContext(new LockedComponent("wasi-streams", Map.of(), null, null, null, null),
                WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        contexts.add(context);
        try (var scope = context.enter()) {
            return new Instance(context, component.instantiate());
        }
    }

    /** One instance and its context: every call runs inside the context, as GuestInstance does. */
    private record Instance(HostContext context, ComponentInstance component) {
        Object call(String export, Object... args) {
            try (var scope = context.enter()) {
                return component.call(export, args);
            }
        }

        int liveResources(WasiStreams streams) {
            try (var scope = context.enter()) {
                return streams.liveResources();
            }
        }
    }

    @AfterEach
    void closeInstances() {
        contexts.forEach(HostContext::close);
    }

    @Test
    void anInstanceThatTrapsWithLiveStreamsLeavesNothingBehindWhenClosed() {
        Instance i = instantiate();
        assertThrows(TrapException.class, () -> i.call("hold-and-trap"));
        assertEquals(4, i.liveResources(streams), "two streams and their pollables stay until the instance closes");
        i.context().close();
        assertEquals(0, i.liveResources(streams));
        assertTrue(source.discarded(), "the live input stream's source is discarded");
        assertTrue(sink.aborted(), "the live output stream's sink is aborted");
    }

    @Test
    void droppingAnInputStreamDiscardsItsSource() {
        Instance i = instantiate();
        i.call("drop-source");
        assertTrue(source.discarded());
        assertEquals(0, i.liveResources(streams));
    }

    @Test
    void droppingAnOutputStreamTellsItsOwnerAndLeavesTheSinkOpen() {
        Instance i = instantiate();
        i.call("drop-sink");
        assertEquals(1, sinkDrops.get());
        assertFalse(sink.aborted() || sink.finished(), "the owner ends the sink, not the drop");
        assertEquals(0, i.liveResources(streams));
    }

    @Test
    void twoInstancesNeverSeeEachOthersHandles() {
        Instance a = instantiate();
        Instance b = instantiate();
        a.call("take-source");
        assertEquals(1, a.liveResources(streams));
        assertEquals(0, b.liveResources(streams), "b's table holds nothing of a's");
        b.call("take-source");
        b.context().close();
        assertEquals(1, a.liveResources(streams), "closing b leaves a's stream alone");
        assertEquals(0, b.liveResources(streams));
    }
}
