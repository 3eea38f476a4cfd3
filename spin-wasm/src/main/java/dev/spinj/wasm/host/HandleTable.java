package dev.spinj.wasm.host;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance's open resources (stores, connections) by the u32 handle the guest holds. Handles
 * start at 0 and only grow, so a closed handle is never handed out again within the instance.
 */
public final class HandleTable<T> {
    private final Map<Integer, T> open = new HashMap<>();
    private final int capacity;
    private int next;

    public HandleTable(int capacity) {
        this.capacity = capacity;
    }

    /** The new handle, or -1 when {@code capacity} resources are already open. */
    public int add(T resource) {
        if (open.size() >= capacity) {
            return -1;
        }
        int handle = next++;
        open.put(handle, resource);
        return handle;
    }

    /** The resource, or null for an unknown or closed handle. */
    public T get(int handle) {
        return open.get(handle);
    }

    public T remove(int handle) {
        return open.remove(handle);
    }
}
