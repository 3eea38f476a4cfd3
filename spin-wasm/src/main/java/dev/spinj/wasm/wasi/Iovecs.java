package dev.spinj.wasm.wasi;

import com.dylibso.chicory.runtime.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A guest's {@code iovec} list, every entry checked against the memory it points into before the
 * host allocates anything for it: a guest may claim any length, the host moves only what fits.
 */
final class Iovecs {
    /** Linux's {@code IOV_MAX}: more entries than this are {@code EINVAL}, as a native read answers. */
    static final int MAX_COUNT = 1024;
    /** The most the host copies between guest memory and a file or stream at once. */
    static final int CHUNK = 64 << 10;

    /** One buffer of the list, known to lie inside guest memory. */
    record Iovec(int ptr, long len) {}

    private Iovecs() {}

    /** Whether {@code len} bytes from {@code ptr} (both unsigned) lie inside guest memory. */
    static boolean fits(Memory memory, int ptr, long len) {
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        return Integer.toUnsignedLong(ptr) + len <= size;
    }

    /** The {@code count} entries at {@code iovs}; empty when the list or any buffer lies outside memory. */
    static Optional<List<Iovec>> read(Memory memory, int iovs, int count) {
        if (count < 0 || count > MAX_COUNT || !fits(memory, iovs, 8L * count)) {
            return Optional.empty();
        }
        List<Iovec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ptr = memory.readInt(iovs + 8 * i);
            long len = Integer.toUnsignedLong(memory.readInt(iovs + 8 * i + 4));
            if (!fits(memory, ptr, len)) {
                return Optional.empty();
            }
            out.add(new Iovec(ptr, len));
        }
        return Optional.of(out);
    }
}
