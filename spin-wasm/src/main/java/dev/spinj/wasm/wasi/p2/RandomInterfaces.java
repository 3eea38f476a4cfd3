package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.param;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.TupleType;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code wasi:random/random}, {@code insecure} and {@code insecure-seed} (the same at every {@link WasiVersion}): a CSPRNG for
 * the first, a fast generator for the second, and a seed fixed per host (the WIT asks for the
 * same value on every call).
 */
final class RandomInterfaces {
    /**
     * The most bytes one call returns: the guest asks with a u64, and a huge request must be a
     * trap, not an OutOfMemoryError in the runtime. A guest's memory could not take more anyway.
     */
    static final long MAX_BYTES = 64L << 20;

    private final SecureRandom secure = new SecureRandom();
    private final List<Long> seed = List.of(secure.nextLong(), secure.nextLong());

    void addTo(Linker linker, WasiVersion version) {
        ListType bytes = new ListType(Primitive.U8);
        linker.instance(version.of("wasi:random/random"), HostInstance.builder()
                .function("get-random-bytes", ComponentFunction.of(func(bytes, param("len", Primitive.U64)),
                        a -> fill(secure, (Long) a[0], "get-random-bytes")))
                .function("get-random-u64", ComponentFunction.of(func(Primitive.U64), a -> secure.nextLong()))
                .build());
        linker.instance(version.of("wasi:random/insecure"), HostInstance.builder()
                .function("get-insecure-random-bytes", ComponentFunction.of(func(bytes, param("len", Primitive.U64)),
                        a -> fill(ThreadLocalRandom.current(), (Long) a[0], "get-insecure-random-bytes")))
                .function("get-insecure-random-u64", ComponentFunction.of(func(Primitive.U64), a -> ThreadLocalRandom.current().nextLong()))
                .build());
        linker.instance(version.of("wasi:random/insecure-seed"), HostInstance.builder()
                .function("insecure-seed", ComponentFunction.of(func(new TupleType(List.of(Primitive.U64, Primitive.U64))), a -> seed))
                .build());
    }

    private static byte[] fill(Random random, long len, String function) {
        if (len < 0 || len > MAX_BYTES) {
            throw new TrapException("wasi:random " + function + ": " + Long.toUnsignedString(len)
                    + " bytes requested, at most " + MAX_BYTES + " per call");
        }
        byte[] out = new byte[(int) len];
        random.nextBytes(out);
        return out;
    }
}
