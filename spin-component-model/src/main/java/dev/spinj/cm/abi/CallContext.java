package dev.spinj.cm.abi;

import com.dylibso.chicory.runtime.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one lift or lower (CanonicalABI.md {@code LiftLowerContext}): the function's
 * name for trap messages, the instance whose handle table and memory are used, the realloc
 * option, and the borrow bookkeeping that ends with the call.
 */
public final class CallContext {
    /** Largest string in bytes and list in bytes the ABI accepts (2^28-1). */
    public static final long MAX_BYTE_LENGTH = (1L << 28) - 1;

    final String function;
    final InstanceState instance;
    private final Memory memory;
    private final Realloc realloc;
    private List<ResourceHandle> lenders;
    int borrowCount;

    /**
     * @param function name used in trap messages
     * @param instance the guest instance whose handles and memory are involved
     * @param memory the {@code memory} option, or null when the function needs none
     * @param realloc the {@code realloc} option, or null when the function needs none
     */
    public CallContext(String function, InstanceState instance, Memory memory, Realloc realloc) {
        this.function = function;
        this.instance = instance;
        this.memory = memory;
        this.realloc = realloc;
    }

    Memory memory() {
        if (memory == null) {
            throw new IllegalStateException("`" + function + "` touches linear memory but has no memory option");
        }
        return memory;
    }

    CanonicalAbiTrap trap(String rule) {
        return new CanonicalAbiTrap(function, rule);
    }

    /** Traps unless {@code [ptr, ptr+length)} lies in memory and ptr is aligned; ptr is an unsigned i32. */
    void checkRange(int ptr, long length, int alignment, String what) {
        long p = Integer.toUnsignedLong(ptr);
        if (alignment > 1 && (p & (alignment - 1)) != 0) {
            throw trap(what + " pointer 0x" + Long.toHexString(p) + " is not aligned to " + alignment);
        }
        long size = (long) memory().pages() * Memory.PAGE_SIZE;
        if (p + length > size) {
            throw trap(what + " at 0x" + Long.toHexString(p) + " of " + length + " bytes is out of bounds of memory ("
                    + size + " bytes)");
        }
    }

    int allocate(int alignment, long size, String what) {
        return reallocate(0, 0, alignment, size, what);
    }

    int reallocate(int ptr, long oldSize, int alignment, long newSize, String what) {
        if (realloc == null) {
            throw new IllegalStateException("`" + function + "` must allocate " + what + " in guest memory but has no realloc option");
        }
        int p = realloc.realloc(ptr, (int) oldSize, alignment, (int) newSize);
        checkRange(p, newSize, alignment, "realloc result for " + what);
        return p;
    }

    /** Records a borrowed handle lent to the callee for the duration of this call. */
    void lend(ResourceHandle h) {
        h.lends++;
        if (lenders == null) {
            lenders = new ArrayList<>(2);
        }
        lenders.add(h);
    }

    /** Ends the lends of a lowered call (the host import has returned). */
    public void releaseLends() {
        if (lenders != null) {
            for (ResourceHandle h : lenders) {
                h.lends--;
            }
            lenders.clear();
        }
    }

    /** Traps if the guest still holds borrow handles lent into this lifted call. */
    public void checkBorrowsDropped() {
        if (borrowCount != 0) {
            throw trap(borrowCount + " borrowed handle(s) not dropped before the call returned");
        }
    }
}
