package dev.spinj.cm.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * A component instance's handle table (CanonicalABI.md "Table State"): index 0 is never valid,
 * freed slots are reused most-recently-freed first, at most 2^28-1 entries.
 */
final class HandleTable {
    static final int MAX_LENGTH = (1 << 28) - 1;

    private final List<ResourceHandle> entries = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();

    HandleTable() {
        entries.add(null);
    }

    int add(ResourceHandle h, String function) {
        if (!free.isEmpty()) {
            int i = free.remove(free.size() - 1);
            entries.set(i, h);
            return i;
        }
        int i = entries.size();
        if (i > MAX_LENGTH) {
            throw new CanonicalAbiTrap(function, "handle table full (" + MAX_LENGTH + " handles)");
        }
        entries.add(h);
        return i;
    }

    ResourceHandle get(int i, String function) {
        if (i <= 0 || i >= entries.size() || entries.get(i) == null) {
            throw new CanonicalAbiTrap(function, "unknown handle " + Integer.toUnsignedString(i));
        }
        return entries.get(i);
    }

    ResourceHandle remove(int i, String function) {
        ResourceHandle h = get(i, function);
        entries.set(i, null);
        free.add(i);
        return h;
    }

    /** Live handles (for tests and diagnostics). */
    int size() {
        return entries.size() - 1 - free.size();
    }
}
