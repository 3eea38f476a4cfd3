package dev.spinj.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.spinj.wasm.WasiInvocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One WASI preview 1 context with its host functions, made once and handed from instance to
 * instance: building Chicory's WASI functions costs more than the rest of an instance. What
 * differs per invocation (arguments, environment, stdin, stdout, stderr) is answered here from
 * the invocation bound with {@link #bind}; everything else (files, clocks, randomness) is
 * Chicory's. A context counts as changed as soon as a guest calls anything that alters its
 * descriptor table (opening, closing, renumbering files, changing flags); such a context is
 * closed instead of reused. Every buffer a guest names is checked against its memory before the
 * host allocates for it ({@code EFAULT} otherwise), and moved in bounded chunks.
 */
public final class WasiContext implements AutoCloseable {
    private static final Set<String> STATEFUL = Set.of("path_open", "fd_close", "fd_renumber", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "sock_accept", "sock_shutdown");
    private static final int ERRNO_SUCCESS = 0;
    private static final int ERRNO_FAULT = 21;
    private static final int ERRNO_INVAL = 28;
    private static final int ERRNO_IO = 29;

    private final WasiPreview1 wasi;
    private final HostFunction[] functions;
    private final Map<String, String> componentEnv;
    private volatile boolean changed;
    private Io io;

    /** The per-invocation side, in the encoded form the guest reads. */
    private record Io(List<byte[]> args, List<byte[]> env, ByteArrayInputStream stdin, java.io.OutputStream stdout,
            java.io.OutputStream stderr) {}

    WasiContext(WasiOptions sharedOptions, boolean writableMounts, Map<String, String> componentEnv) {
        this.wasi = WasiPreview1.builder().withOptions(sharedOptions).build();
        this.componentEnv = componentEnv;
        HostFunction[] raw = writableMounts ? wasi.toHostFunctions() : ReadOnlyMounts.apply(wasi.toHostFunctions());
        this.functions = new HostFunction[raw.length];
        for (int i = 0; i < raw.length; i++) {
            functions[i] = wrap(raw[i]);
        }
    }

    private HostFunction wrap(HostFunction f) {
        var delegate = f.handle();
        return switch (f.name()) {
            case "args_sizes_get" -> replace(f, (inst, a) -> sizes(inst, io.args(), (int) a[0], (int) a[1]));
            case "args_get" -> replace(f, (inst, a) -> strings(inst, io.args(), (int) a[0], (int) a[1]));
            case "environ_sizes_get" -> replace(f, (inst, a) -> sizes(inst, io.env(), (int) a[0], (int) a[1]));
            case "environ_get" -> replace(f, (inst, a) -> strings(inst, io.env(), (int) a[0], (int) a[1]));
            case "fd_read" -> replace(f, (inst, a) -> a[0] == 0
                    ? readStdin(inst.memory(), (int) a[1], (int) a[2], (int) a[3])
                    : inChunks(delegate, inst, a, false));
            case "fd_write" -> replace(f, (inst, a) -> a[0] == 1 || a[0] == 2
                    ? writeStdio(inst.memory(), a[0] == 1 ? io.stdout() : io.stderr(),
                            (int) a[1], (int) a[2], (int) a[3])
                    : inChunks(delegate, inst, a, false));
            case "fd_pread", "fd_pwrite" -> replace(f, (inst, a) -> inChunks(delegate, inst, a, true));
            case "random_get" -> replace(f, (inst, a) -> checked(inst, a,
                    Iovecs.fits(inst.memory(), (int) a[0], unsigned(a[1])), delegate));
            // poll_oneoff(in, out, nsubscriptions, nevents): 48-byte subscriptions in, 32-byte events out
            case "poll_oneoff" -> replace(f, (inst, a) -> checked(inst, a,
                    Iovecs.fits(inst.memory(), (int) a[0], 48 * unsigned(a[2]))
                            && Iovecs.fits(inst.memory(), (int) a[1], 32 * unsigned(a[2])),
                    delegate));
            default -> STATEFUL.contains(f.name())
                    ? replace(f, (inst, a) -> {
                        changed = true;
                        return delegate.apply(inst, a);
                    })
                    : f;
        };
    }

    /** Runs Chicory's function only when the guest's buffers lie inside its memory, else {@code EFAULT}. */
    private static long[] checked(Instance instance, long[] args, boolean inBounds, WasmFunctionHandle chicory) {
        return inBounds ? chicory.apply(instance, args) : new long[] {ERRNO_FAULT};
    }

    private static long unsigned(long i32) {
        return Integer.toUnsignedLong((int) i32);
    }

    private static HostFunction replace(HostFunction f, WasmFunctionHandle handle) {
        return new HostFunction(f.module(), f.name(), f.functionType(), handle);
    }

    /** Makes this context answer for {@code invocation} until the next bind. */
    void bind(WasiInvocation invocation) {
        List<byte[]> env = new ArrayList<>();
        invocation.env().forEach((k, v) -> env.add(nulTerminated(k + "=" + v)));
        componentEnv.forEach((k, v) -> env.add(nulTerminated(k + "=" + v)));
        List<byte[]> args = new ArrayList<>(invocation.args().size());
        invocation.args().forEach(arg -> args.add(nulTerminated(arg)));
        this.io = new Io(args, env, new ByteArrayInputStream(invocation.stdin()), invocation.stdout(), invocation.stderr());
    }

    public HostFunction[] functions() {
        return functions;
    }

    boolean reusable() {
        return !changed;
    }

    private static byte[] nulTerminated(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    private static long[] sizes(Instance instance, List<byte[]> items, int countPtr, int bytesPtr) {
        int bytes = 0;
        for (byte[] item : items) {
            bytes += item.length;
        }
        instance.memory().writeI32(countPtr, items.size());
        instance.memory().writeI32(bytesPtr, bytes);
        return new long[] {ERRNO_SUCCESS};
    }

    private static long[] strings(Instance instance, List<byte[]> items, int pointersPtr, int bufferPtr) {
        Memory memory = instance.memory();
        int at = bufferPtr;
        for (int i = 0; i < items.size(); i++) {
            memory.writeI32(pointersPtr + 4 * i, at);
            memory.write(at, items.get(i));
            at += items.get(i).length;
        }
        return new long[] {ERRNO_SUCCESS};
    }

    private long[] readStdin(Memory memory, int iovs, int iovsLen, int nreadPtr) {
        var iovecs = Iovecs.read(memory, iovs, iovsLen);
        if (iovecs.isEmpty()) {
            return new long[] {iovsLen < 0 || iovsLen > Iovecs.MAX_COUNT ? ERRNO_INVAL : ERRNO_FAULT};
        }
        long largest = iovecs.get().stream().mapToLong(Iovecs.Iovec::len).max().orElse(0);
        byte[] chunk = new byte[(int) Math.min(Iovecs.CHUNK, largest)];
        long total = 0;
        reading:
        for (Iovecs.Iovec iovec : iovecs.get()) {
            for (long done = 0; done < iovec.len(); ) {
                int want = (int) Math.min(Iovecs.CHUNK, iovec.len() - done);
                int n = Math.max(0, io.stdin().read(chunk, 0, want));
                memory.write(iovec.ptr() + (int) done, chunk, 0, n);
                done += n;
                total += n;
                if (n < want) {
                    break reading;
                }
            }
        }
        memory.writeI32(nreadPtr, (int) total);
        return new long[] {ERRNO_SUCCESS};
    }

    private static long[] writeStdio(Memory memory, java.io.OutputStream out, int iovs, int iovsLen, int nwrittenPtr) {
        var iovecs = Iovecs.read(memory, iovs, iovsLen);
        if (iovecs.isEmpty()) {
            return new long[] {iovsLen < 0 || iovsLen > Iovecs.MAX_COUNT ? ERRNO_INVAL : ERRNO_FAULT};
        }
        long total = 0;
        try {
            for (Iovecs.Iovec iovec : iovecs.get()) {
                for (long done = 0; done < iovec.len(); ) {
                    int n = (int) Math.min(Iovecs.CHUNK, iovec.len() - done);
                    out.write(memory.readBytes(iovec.ptr() + (int) done, n));
                    done += n;
                    total += n;
                }
            }
        } catch (IOException e) {
            return new long[] {ERRNO_IO};
        }
        memory.writeI32(nwrittenPtr, (int) total);
        return new long[] {ERRNO_SUCCESS};
    }

    /**
     * Chicory's {@code fd_read}, {@code fd_write}, {@code fd_pread} and {@code fd_pwrite} allocate
     * each iovec's whole length before touching the file, so a guest claiming 2 GiB takes the worker
     * down. They get one iovec of at most {@link Iovecs#CHUNK} per call instead: the guest's first
     * iovec slot is lent for it and restored afterwards (the guest is blocked in this call).
     *
     * @param positional whether the call has an offset argument ({@code fd_pread}/{@code fd_pwrite})
     */
    private static long[] inChunks(WasmFunctionHandle chicory, Instance instance, long[] args, boolean positional) {
        Memory memory = instance.memory();
        int iovs = (int) args[1];
        int iovsLen = (int) args[2];
        int resultPtr = (int) args[positional ? 4 : 3];
        var iovecs = Iovecs.read(memory, iovs, iovsLen);
        if (iovecs.isEmpty()) {
            return new long[] {iovsLen < 0 || iovsLen > Iovecs.MAX_COUNT ? ERRNO_INVAL : ERRNO_FAULT};
        }
        if (iovecs.get().stream().allMatch(iovec -> iovec.len() == 0)) {
            return chicory.apply(instance, args);
        }
        byte[] lentSlot = memory.readBytes(iovs, 8);
        long[] call = args.clone();
        call[2] = 1;
        long total = 0;
        try {
            transfer:
            for (Iovecs.Iovec iovec : iovecs.get()) {
                for (long done = 0; done < iovec.len(); ) {
                    int want = (int) Math.min(Iovecs.CHUNK, iovec.len() - done);
                    memory.writeI32(iovs, iovec.ptr() + (int) done);
                    memory.writeI32(iovs + 4, want);
                    if (positional) {
                        call[3] = args[3] + total;
                    }
                    long[] result = chicory.apply(instance, call);
                    if (result[0] != ERRNO_SUCCESS) {
                        if (total == 0) {
                            return result;
                        }
                        break transfer;
                    }
                    int moved = memory.readInt(resultPtr);
                    done += moved;
                    total += moved;
                    if (moved < want) {
                        break transfer;
                    }
                }
            }
        } finally {
            memory.write(iovs, lentSlot);
        }
        memory.writeI32(resultPtr, (int) total);
        return new long[] {ERRNO_SUCCESS};
    }

    @Override
    public void close() {
        wasi.close();
    }
}
