package dev.spinj.wasm.abi;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import java.util.Set;

/**
 * The guest's own allocator, used for everything the host puts into guest memory: export
 * arguments and the lists/strings of import results. Ownership passes to the guest (SPEC 1.4).
 */
public final class GuestAllocator {
    private static final String LEGACY_FREE = "canonical_abi_free";

    private final GuestMemory memory;
    private final ExportFunction realloc;
    private final ExportFunction free;
    private final String reallocName;

    GuestAllocator(Instance instance, Set<String> exports, GuestMemory memory, AbiFlavor flavor) {
        this.memory = memory;
        this.reallocName = flavor == null ? null : flavor.realloc();
        this.realloc = reallocName == null ? null : instance.export(reallocName);
        // a legacy guest without canonical_abi_free simply leaks what it returned
        this.free = flavor == AbiFlavor.LEGACY && exports.contains(LEGACY_FREE) ? instance.export(LEGACY_FREE) : null;
    }

    /**
     * {@code realloc(0, 0, align, size)}, even for size 0: real guests expect the call and return
     * a non-null dangling pointer we must pass on (CONFIRMED.md).
     */
    public int allocate(int align, int size) {
        if (realloc == null) {
            throw new GuestAbiException("the module exports no canonical_abi_realloc or cabi_realloc");
        }
        int ptr = (int) realloc.apply(0, 0, align, size)[0];
        if (size > 0 && ptr == 0) {
            throw new GuestAbiException(reallocName + " returned null for " + size + " bytes");
        }
        memory.checkRange(ptr, size, reallocName + " result");
        memory.checkAligned(ptr, align, reallocName + " result");
        return ptr;
    }

    /** Frees a result list the guest returned; only the legacy flavour asks the host to. */
    public void free(int ptr, int size, int align) {
        if (free != null && size != 0) {
            free.apply(ptr, size, align);
        }
    }
}
