package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.param;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import java.time.Instant;
import java.util.List;

/**
 * {@code wasi:clocks/monotonic-clock} and {@code wall-clock}: real clocks, and
 * {@code subscribe-*} as real timers (SPEC2 §5). Monotonic instants count nanoseconds from when
 * this host was made, so they start near zero and never wrap for centuries.
 */
final class ClockInterfaces {
    private final WasiStreams io;
    private final long origin = System.nanoTime();

    ClockInterfaces(WasiStreams io) {
        this.io = io;
    }

    /**
     * Registers the clocks at {@code version}; rc-2023-10-18's monotonic clock has one {@code
     * subscribe(when, absolute)} where later versions have {@code subscribe-instant} and {@code
     * subscribe-duration}.
     */
    void addTo(Linker linker, WasiVersion version) {
        OwnType pollable = new OwnType(io.pollable());
        HostInstance.Builder monotonic = io.withPollable(HostInstance.builder())
                .function("now", ComponentFunction.of(func(Primitive.U64), a -> System.nanoTime() - origin))
                .function("resolution", ComponentFunction.of(func(Primitive.U64), a -> 1L));
        if (version == WasiVersion.RC_2023_10_18) {
            monotonic.function("subscribe", ComponentFunction.of(
                    func(pollable, param("when", Primitive.U64), param("absolute", Primitive.BOOL)),
                    a -> io.newPollable((Boolean) a[1] ? at((Long) a[0]) : Pollable.after((Long) a[0]))));
        } else {
            monotonic.function("subscribe-instant", ComponentFunction.of(func(pollable, param("when", Primitive.U64)),
                            a -> io.newPollable(at((Long) a[0]))))
                    .function("subscribe-duration", ComponentFunction.of(func(pollable, param("when", Primitive.U64)),
                            a -> io.newPollable(Pollable.after((Long) a[0]))));
        }
        linker.instance(version.of("wasi:clocks/monotonic-clock"), monotonic.build());
        RecordType datetime = new RecordType(List.of(new Field("seconds", Primitive.U64), new Field("nanoseconds", Primitive.U32)));
        linker.instance(version.of("wasi:clocks/wall-clock"), HostInstance.builder()
                .function("now", ComponentFunction.of(func(datetime), a -> {
                    Instant now = Instant.now();
                    return RecordValue.of(now.getEpochSecond(), (long) now.getNano());
                }))
                .function("resolution", ComponentFunction.of(func(datetime), a -> RecordValue.of(0L, 1000L)))
                .build());
    }

    /** A timer for the monotonic instant {@code when} (a u64); an instant already past is ready now. */
    private Pollable at(long when) {
        long now = System.nanoTime() - origin;
        return Long.compareUnsigned(when, now) <= 0 ? Pollable.readyNow() : Pollable.after(when - now);
    }
}
