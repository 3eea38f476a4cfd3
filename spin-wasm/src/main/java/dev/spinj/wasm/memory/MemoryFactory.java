package dev.spinj.wasm.memory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.spinj.wasm.ComponentLoadException;
import java.util.function.Function;

/**
 * How one module's instances get their memory: from its prepared {@link MemoryImage} when it has
 * one, else Chicory's paged memory; either way capped at the runtime's per-instance limit, so
 * {@code memory.grow} past it fails as wasm specifies. A module that declares more initial memory
 * than the cap is refused before any instance exists.
 */
public final class MemoryFactory implements Function<MemoryLimits, Memory> {
    private final MemoryImage image;
    private final int maxPages;

    private MemoryFactory(MemoryImage image, int maxPages) {
        this.image = image;
        this.maxPages = maxPages;
    }

    /**
     * @param maxBytes the per-instance memory limit ({@code --max-instance-memory})
     * @param what the module's source, for the error
     * @throws ComponentLoadException when the module's initial memory alone exceeds {@code maxBytes}
     */
    public static MemoryFactory forModule(WasmModule module, long maxBytes, String what) throws ComponentLoadException {
        int cap = (int) Math.max(1, Math.min(MemoryLimits.MAX_PAGES, maxBytes / Memory.PAGE_SIZE));
        if (module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
            int initial = module.memorySection().get().getMemory(0).limits().initialPages();
            if (initial > cap) {
                throw new ComponentLoadException(what + " declares an initial memory of " + initial + " pages ("
                        + bytes((long) initial * Memory.PAGE_SIZE) + "), above the per-instance limit of " + cap
                        + " pages (" + bytes((long) cap * Memory.PAGE_SIZE) + ", --max-instance-memory)");
            }
        }
        return new MemoryFactory(MemoryImage.of(module), cap);
    }

    private static String bytes(long n) {
        if (n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        return n % (1L << 20) == 0 ? (n >> 20) + " MiB" : (n >> 10) + " KiB";
    }

    public boolean usesImage() {
        return image != null;
    }

    @Override
    public Memory apply(MemoryLimits limits) {
        int max = Math.min(limits.maximumPages(), maxPages);
        if (image != null && image.limits().equals(limits)) {
            return new ImageMemory(image, max);
        }
        return new ByteArrayMemory(new MemoryLimits(limits.initialPages(), max, limits.shared()));
    }
}
