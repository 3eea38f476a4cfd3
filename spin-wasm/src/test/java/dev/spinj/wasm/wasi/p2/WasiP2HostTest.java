package dev.spinj.wasm.wasi.p2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.WasiInvocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * wasi-cli.wat (a component importing io, clocks, random and cli at 0.2.0, 0.2.3 and 0.2.6) on
 * the WASI 0.2 host through the component-model engine and Chicory.
 */
class WasiP2HostTest {
    private static final long MILLIS = 1_000_000L;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Map<String, String> env = new LinkedHashMap<>(Map.of("GREETING", "hello"));
    private byte[] stdin = new byte[0];
    private Map<String, String> eventEnv = Map.of();
    private WasiP2Host host;
    private InstanceInContext instance;

    private InstanceInContext instantiate() throws IOException {
        return instantiate(stdout);
    }

    private InstanceInContext instantiate(OutputStream out) throws IOException {
        env.put("EMPTY", "");
        host = new WasiP2Host(WasiP2Host.Config.of(env));
        instance = InstanceInContext.instantiate(host.addTo(new Linker()).link(component(), "wasi-cli"), "wasi-cli",
                new WasiInvocation(List.of("app", "--flag"), eventEnv, stdin, out, stderr));
        return instance;
    }

    @AfterEach
    void closeInstance() {
        if (instance != null) {
            instance.context().close();
        }
    }

    private Component component() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wasip2/wasi-cli.wasm")) {
            return ComponentParser.parse(in.readAllBytes());
        }
    }

    @Test
    void instancesOfOneLinkedComponentWriteToTheirOwnEventsStdout() throws IOException {
        host = new WasiP2Host(WasiP2Host.Config.of(env));
        LinkedComponent linked = host.addTo(new Linker()).link(component(), "wasi-cli");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        InstanceInContext a = InstanceInContext.instantiate(linked, "wasi-cli", WasiInvocation.spin(first, stderr));
        InstanceInContext b = InstanceInContext.instantiate(linked, "wasi-cli", WasiInvocation.spin(second, stderr));
        try {
            a.call("print", false, "to the first");
            b.call("print", false, "to the second");
        } finally {
            a.context().close();
            b.context().close();
        }
        assertEquals("to the first", first.toString(UTF_8));
        assertEquals("to the second", second.toString(UTF_8));
    }

    @Test
    void printWritesTheExactBytesToStdout() throws IOException {
        assertEquals(0L, instantiate().call("print", false, "hello\n"));
        assertArrayEquals("hello\n".getBytes(UTF_8), stdout.toByteArray());
        assertEquals(0, stderr.size());
    }

    @Test
    void printToStderrGoesToTheStderrSink() throws IOException {
        assertEquals(0L, instantiate().call("print", true, "oops é"));
        assertEquals("oops é", stderr.toString(UTF_8));
        assertEquals(0, stdout.size());
    }

    @Test
    void streamsTheGuestDropsAreGoneFromTheHost() throws IOException {
        InstanceInContext i = instantiate();
        i.call("print", false, "a");
        i.call("stdout-ready");
        i.call("block-on-timer", 0L);
        assertEquals(0, instance.inside(host::liveResources));
    }

    @Test
    void blockingWriteAndFlushOfMoreThan4096BytesTraps() throws IOException {
        InstanceInContext i = instantiate();
        TrapException t = assertThrows(TrapException.class, () -> i.call("print", false, "x".repeat(4097)));
        assertTrue(t.getMessage().contains("output-stream.blocking-write-and-flush on stdout: 4097 bytes exceed the 4096 permitted"),
                t.getMessage());
        assertEquals(0, stdout.size());
    }

    @Test
    void checkWriteGrantsTheWritePermit() throws IOException {
        assertEquals(OutputStreamSink.PERMIT, instantiate().call("stdout-permit"));
    }

    @Test
    void aWriteOfExactlyThePermitGoesThrough() throws IOException {
        assertEquals(0L, instantiate().call("write-stdout", OutputStreamSink.PERMIT));
        assertEquals(OutputStreamSink.PERMIT, stdout.size());
    }

    @Test
    void aWriteBeyondThePermitTraps() throws IOException {
        InstanceInContext i = instantiate();
        TrapException t = assertThrows(TrapException.class, () -> i.call("write-stdout", OutputStreamSink.PERMIT + 1));
        assertTrue(t.getMessage().contains("output-stream.write on stdout: 1048577 bytes exceed the 1048576 permitted"), t.getMessage());
        assertEquals(0, stdout.size());
    }

    @Test
    void aFailingSinkIsLastOperationFailedWithTheCauseThenClosed() throws IOException {
        OutputStream broken = new BrokenOutputStream("disk full");
        InstanceInContext i = instantiate(broken);
        assertEquals(List.of(1L, "stdout: disk full"), i.call("print-error", "a"));
        assertEquals(0, instance.inside(host::liveResources), "the guest dropped the error and the stream");
        assertEquals(List.of(2L, ""), i.call("print-error", "b"), "a new handle to the failed sink is closed");
    }

    @Test
    void stdoutIsAlwaysReadyForWriting() throws IOException {
        assertEquals(true, instantiate().call("stdout-ready"));
    }

    @Test
    void theEnvironmentIsTheComponentsInOrder() throws IOException {
        assertEquals(List.of(List.of("GREETING", "hello"), List.of("EMPTY", "")), instantiate().call("environment"));
    }

    @Test
    void theArgumentsAreTheHostsAndThereIsNoInitialCwd() throws IOException {
        InstanceInContext i = instantiate();
        assertEquals(List.of("app", "--flag"), i.call("arguments"));
        assertEquals(Optional.empty(), i.call("initial-cwd"));
    }

    @Test
    void exitOkEndsTheCallWithCodeZero() throws IOException {
        InstanceInContext i = instantiate();
        WasiExitException e = assertThrows(WasiExitException.class, () -> i.call("exit", false));
        assertEquals(0, e.exitCode());
    }

    @Test
    void exitErrEndsTheCallWithCodeOne() throws IOException {
        InstanceInContext i = instantiate();
        WasiExitException e = assertThrows(WasiExitException.class, () -> i.call("exit", true));
        assertEquals(1, e.exitCode());
    }

    @Test
    void theMonotonicClockNeverGoesBackwards() throws IOException {
        List<?> two = (List<?>) instantiate().call("monotonic-twice");
        long first = (Long) two.get(0);
        long second = (Long) two.get(1);
        assertTrue(first >= 0, "instants count from the host's origin");
        assertTrue(second >= first, first + " then " + second);
    }

    @Test
    void theClocksResolutionsAreANanosecondAndAMicrosecond() throws IOException {
        InstanceInContext i = instantiate();
        assertEquals(1L, i.call("monotonic-resolution"));
        assertEquals(List.of(0L, 1000L), i.call("wall-resolution"));
    }

    @Test
    void theWallClockIsNow() throws IOException {
        long before = System.currentTimeMillis() / 1000;
        List<?> now = (List<?>) instantiate().call("wall-now");
        long after = System.currentTimeMillis() / 1000;
        long seconds = (Long) now.get(0);
        assertTrue(seconds >= before && seconds <= after, before + " <= " + seconds + " <= " + after);
        assertTrue((Long) now.get(1) < 1_000_000_000L);
    }

    @Test
    void randomBytesHaveTheAskedLengthAndDiffer() throws IOException {
        InstanceInContext i = instantiate();
        byte[] a = (byte[]) i.call("random-bytes", 16L);
        byte[] b = (byte[]) i.call("random-bytes", 16L);
        assertEquals(16, a.length);
        assertFalse(Arrays.equals(a, b), "two draws of 128 bits are equal only by a broken generator");
        assertNotEquals(i.call("random-u64"), i.call("random-u64"));
    }

    @Test
    void aHugeRandomRequestTrapsInsteadOfExhaustingTheHeap() throws IOException {
        InstanceInContext i = instantiate();
        TrapException t = assertThrows(TrapException.class, () -> i.call("random-bytes", -1L));
        assertTrue(t.getMessage().contains("get-random-bytes: 18446744073709551615 bytes requested"), t.getMessage());
    }

    @Test
    void insecureRandomBytesHaveTheAskedLength() throws IOException {
        assertEquals(33, ((byte[]) instantiate().call("insecure-random-bytes", 33L)).length);
    }

    @Test
    void insecureRandomU64sDiffer() throws IOException {
        InstanceInContext i = instantiate();
        assertNotEquals(i.call("insecure-u64"), i.call("insecure-u64"));
    }

    @Test
    void theInsecureSeedIsTheSameOnEveryCall() throws IOException {
        InstanceInContext i = instantiate();
        assertEquals(i.call("insecure-seed"), i.call("insecure-seed"));
    }

    @Test
    void blockWaitsUntilTheTimerIsReady() throws IOException {
        InstanceInContext i = instantiate();
        long start = System.nanoTime();
        // whether the timer was ready before block depends on scheduling; after block it must be
        assertEquals(true, ((List<?>) i.call("block-on-timer", 50 * MILLIS)).get(1));
        assertTrue(System.nanoTime() - start >= 50 * MILLIS, "block waited for the timer");
    }

    @Test
    void pollWaitsForTheTimer() throws IOException {
        InstanceInContext i = instantiate();
        long start = System.nanoTime();
        assertEquals(List.of(0L), i.call("poll-timer", 50 * MILLIS));
        assertTrue(System.nanoTime() - start >= 50 * MILLIS, "poll waited for the only pollable");
    }

    @Test
    void pollReturnsAtOnceWithOnlyTheReadyPollables() throws IOException {
        InstanceInContext i = instantiate();
        long start = System.nanoTime();
        assertEquals(List.of(1L), i.call("poll-timer-and-stdout", 60_000 * MILLIS));
        assertTrue(System.nanoTime() - start < 30_000 * MILLIS, "poll did not wait for the minute-long timer");
    }

    @Test
    void pollOverNoPollablesTraps() throws IOException {
        InstanceInContext i = instantiate();
        TrapException t = assertThrows(TrapException.class, () -> i.call("poll-none"));
        assertTrue(t.getMessage().contains("wasi:io/poll poll: the list of pollables is empty"), t.getMessage());
    }

    @Test
    void anInterruptEndsABlockPromptly() throws Exception {
        InstanceInContext i = instantiate();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            caller.interrupt();
        });
        long start = System.nanoTime();
        interrupter.start();
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> i.call("block-on-timer", 60_000 * MILLIS));
            assertTrue(e instanceof ChicoryInterruptedException, e.toString());
        } finally {
            boolean stillInterrupted = Thread.interrupted();
            interrupter.join();
            assertTrue(stillInterrupted, "the interrupt stays set for the caller to see");
        }
        assertTrue(System.nanoTime() - start < 30_000 * MILLIS, "the minute-long block ended at the interrupt");
    }

    @Test
    void subscribeInstantWaitsUntilThatInstant() throws IOException {
        InstanceInContext i = instantiate();
        long start = System.nanoTime();
        assertEquals(true, i.call("block-until", 50 * MILLIS));
        assertTrue(System.nanoTime() - start >= 50 * MILLIS, "block waited for the instant");
    }

    @Test
    void anInstantAlreadyPastIsReadyAtOnce() throws IOException {
        InstanceInContext i = instantiate();
        // now + (2^64 - 1) wraps to now - 1
        assertEquals(true, assertTimeout(Duration.ofSeconds(30), () -> i.call("block-until", -1L)));
    }

    @Test
    void aTimerOfMoreThan2To63NanosecondsIsNotReadyAndAZeroTimerIs() throws IOException {
        InstanceInContext i = instantiate();
        assertEquals(false, i.call("timer-ready", -1L), "u64 max saturates instead of wrapping into the past");
        assertEquals(true, i.call("timer-ready", 0L));
    }

    @Test
    void stdinIsEmptyAndClosed() throws IOException {
        assertEquals(2L, instantiate().call("read-stdin", 10L), "read gives err(closed)");
    }

    @Test
    void stdinIsTheEventsBytes() throws IOException {
        stdin = "from the event".getBytes(UTF_8);
        assertEquals(0L, instantiate().call("splice-stdin-to-stdout", 100L));
        assertEquals("from the event", stdout.toString(UTF_8));
    }

    @Test
    void theEventsEnvironmentComesBeforeTheComponents() throws IOException {
        eventEnv = Map.of("QUERY_STRING", "a=1");
        assertEquals(List.of(List.of("QUERY_STRING", "a=1"), List.of("GREETING", "hello"), List.of("EMPTY", "")),
                instantiate().call("environment"));
    }

    @Test
    void splicingFromStdinReportsClosedAndWritesNothing() throws IOException {
        assertEquals(2L, instantiate().call("splice-stdin-to-stdout", 10L));
        assertEquals(0, stdout.size());
    }

    @Test
    void writeZeroesAndFlushWriteZeroBytes() throws IOException {
        assertEquals(0L, instantiate().call("zeroes-then-flush", 10L), "both ok");
        assertArrayEquals(new byte[10], stdout.toByteArray());
    }

    @Test
    void stdoutIsNoTerminal() throws IOException {
        assertEquals(false, instantiate().call("stdout-is-terminal"));
    }

    @Test
    void guestsOfLaterPatchVersionsLinkToThe020Host() throws IOException {
        Component c = component();
        List<String> imported = c.imports().stream().map(imp -> imp.name().name()).toList();
        assertTrue(imported.containsAll(List.of("wasi:io/poll@0.2.3", "wasi:io/streams@0.2.6", "wasi:io/error@0.2.0")), imported.toString());
        assertEquals(0L, instantiate().call("print", false, ""));
    }
}
