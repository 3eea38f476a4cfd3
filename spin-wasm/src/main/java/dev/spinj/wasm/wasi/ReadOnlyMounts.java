package dev.spinj.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import java.util.Set;

/**
 * Spin mounts a component's files read-only (unless {@code --allow-transient-write}); Chicory's
 * WASI has no read-only preopen, so the calls that would change the filesystem are answered
 * {@code EPERM} here instead, the way wasmtime answers them for a read-only directory. Stdio is
 * untouched: only opening a file with write intent and path or size changes are refused.
 */
public final class ReadOnlyMounts {
    static final int ERRNO_PERM = 63;
    private static final long OFLAGS_CREAT = 1;
    private static final long OFLAGS_TRUNC = 8;
    private static final long RIGHTS_FD_WRITE = 1L << 6;
    private static final long FDFLAGS_APPEND = 1;

    private static final Set<String> MUTATING = Set.of("path_create_directory", "path_remove_directory",
            "path_unlink_file", "path_rename", "path_symlink", "path_link", "path_filestat_set_times",
            "fd_filestat_set_size", "fd_allocate");

    private ReadOnlyMounts() {}

    public static HostFunction[] apply(HostFunction[] wasi) {
        HostFunction[] out = wasi.clone();
        for (int i = 0; i < out.length; i++) {
            HostFunction f = out[i];
            if (MUTATING.contains(f.name())) {
                out[i] = new HostFunction(f.module(), f.name(), f.functionType(), (instance, args) -> new long[] {ERRNO_PERM});
            } else if (f.name().equals("path_open")) {
                var open = f.handle();
                out[i] = new HostFunction(f.module(), f.name(), f.functionType(), (instance, args) -> {
                    // path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, ret)
                    boolean writes = (args[4] & (OFLAGS_CREAT | OFLAGS_TRUNC)) != 0
                            || (args[5] & RIGHTS_FD_WRITE) != 0
                            || (args[7] & FDFLAGS_APPEND) != 0;
                    return writes ? new long[] {ERRNO_PERM} : open.apply(instance, args);
                });
            }
        }
        return out;
    }
}
