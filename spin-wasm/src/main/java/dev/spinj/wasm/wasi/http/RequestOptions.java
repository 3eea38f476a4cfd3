package dev.spinj.wasm.wasi.http;

import java.time.Duration;
import java.util.Optional;

/** A {@code request-options}: the three timeouts of an outbound request, as u64 nanoseconds. */
final class RequestOptions {
    /** Spin's and wasmtime's default for each timeout (SPEC2 §3.7). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    Optional<Long> connectTimeout = Optional.empty();
    Optional<Long> firstByteTimeout = Optional.empty();
    Optional<Long> betweenBytesTimeout = Optional.empty();

    static Duration orDefault(Optional<Long> nanos) {
        // A u64 above 2^63-1 is negative here: as good as forever.
        return nanos.map(n -> n < 0 ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(n)).orElse(DEFAULT_TIMEOUT);
    }
}
