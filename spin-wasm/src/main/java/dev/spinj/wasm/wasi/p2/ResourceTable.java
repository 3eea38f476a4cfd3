package dev.spinj.wasm.wasi.p2;

import com.dylibso.chicory.runtime.TrapException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host side of one WASI resource type: rep to Java object. Reps are handed to the guest
 * inside own handles; the entry goes when the guest drops its last own handle.
 */
final class ResourceTable<T> {
    private final String resource;
    private final Map<Integer, T> entries = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    ResourceTable(String resource) {
        this.resource = resource;
    }

    int add(T value) {
        int rep = next.getAndIncrement();
        entries.put(rep, value);
        return rep;
    }

    /** The object behind a rep the guest passed; an unknown rep is a host bug the guest caused, so a trap. */
    T get(Object rep) {
        T value = entries.get((Integer) rep);
        if (value == null) {
            throw new TrapException("unknown " + resource + " rep " + rep);
        }
        return value;
    }

    void remove(int rep) {
        entries.remove(rep);
    }

    int size() {
        return entries.size();
    }
}
