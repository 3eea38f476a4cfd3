package dev.spinj.wasm.memory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.function.Function;

/**
 * How one module's instances get their memory: from its prepared {@link MemoryImage} when it has
 * one, else Chicory's paged memory; either way capped at the runtime's per-instance limit, so
 * {@code memory.grow} past it fails as wasm specifies.
 */
public final class MemoryFactory implements Function<MemoryLimits, Memory> {
    private final MemoryImage image;
    private final int maxPages;

    private MemoryFactory(MemoryImage image, int maxPages) {
        this.image = image;
        this.maxPages = maxPages;
    }

    /** @param maxBytes the per-instance memory limit ({@code --max-instance-memory}) */
    public static MemoryFactory forModule(WasmModule module, long maxBytes) {
        int cap = (int) Math.max(1, Math.min(MemoryLimits.MAX_PAGES, maxBytes / Memory.PAGE_SIZE));
        return new MemoryFactory(MemoryImage.of(module), cap);
    }

    public boolean usesImage() {
        return image != null;
    }

    @Override
    public Memory apply(MemoryLimits limits) {
        int max = Math.min(limits.maximumPages(), Math.max(maxPages, limits.initialPages()));
        if (image != null && image.limits().equals(limits)) {
            return new ImageMemory(image, max);
        }
        return new ByteArrayMemory(new MemoryLimits(limits.initialPages(), max, limits.shared()));
    }
}
