package dev.spinj.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
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
 * closed instead of reused.
 */
public final class WasiContext implements AutoCloseable {
    private static final Set<String> STATEFUL = Set.of("path_open", "fd_close", "fd_renumber", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "sock_accept", "sock_shutdown");
    private static final int ERRNO_SUCCESS = 0;
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
                    ? readStdin(inst, (int) a[1], (int) a[2], (int) a[3])
                    : delegate.apply(inst, a));
            case "fd_write" -> replace(f, (inst, a) -> a[0] == 1 || a[0] == 2
                    ? writeStdio(inst, a[0] == 1 ? io.stdout() : io.stderr(), (int) a[1], (int) a[2], (int) a[3])
                    : delegate.apply(inst, a));
            default -> STATEFUL.contains(f.name())
                    ? replace(f, (inst, a) -> {
                        changed = true;
                        return delegate.apply(inst, a);
                    })
                    : f;
        };
    }

    private static HostFunction replace(HostFunction f, com.dylibso.chicory.runtime.WasmFunctionHandle handle) {
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

    private long[] readStdin(Instance instance, int iovs, int iovsLen, int nreadPtr) {
        Memory memory = instance.memory();
        int total = 0;
        for (int i = 0; i < iovsLen; i++) {
            int buf = memory.readInt(iovs + 8 * i);
            int len = memory.readInt(iovs + 8 * i + 4);
            byte[] chunk = new byte[len];
            int n = Math.max(0, io.stdin().read(chunk, 0, len));
            memory.write(buf, chunk, 0, n);
            total += n;
            if (n < len) {
                break;
            }
        }
        memory.writeI32(nreadPtr, total);
        return new long[] {ERRNO_SUCCESS};
    }

    private static long[] writeStdio(Instance instance, java.io.OutputStream out, int iovs, int iovsLen, int nwrittenPtr) {
        Memory memory = instance.memory();
        int total = 0;
        try {
            for (int i = 0; i < iovsLen; i++) {
                int buf = memory.readInt(iovs + 8 * i);
                int len = memory.readInt(iovs + 8 * i + 4);
                out.write(memory.readBytes(buf, len));
                total += len;
            }
        } catch (IOException e) {
            return new long[] {ERRNO_IO};
        }
        memory.writeI32(nwrittenPtr, total);
        return new long[] {ERRNO_SUCCESS};
    }

    @Override
    public void close() {
        wasi.close();
    }
}
