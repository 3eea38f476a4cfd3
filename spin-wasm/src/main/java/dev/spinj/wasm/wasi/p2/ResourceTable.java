package dev.spinj.wasm.wasi.p2;

import com.dylibso.chicory.runtime.TrapException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of one WASI resource type in one instance: rep to Java object. Reps are handed
 * to the guest inside own handles; the entry goes when the guest drops its last own handle. Only
 * the instance's thread uses it.
 */
final class ResourceTable<T> {
    private final String resource;
    private final Map<Integer, T> entries = new HashMap<>();
    private int next = 1;

    ResourceTable(String resource) {
        this.resource = resource;
    }

    int add(T value) {
        int rep = next++;
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

    /** Forgets {@code rep}; what was behind it, or null when nothing was. */
    T remove(int rep) {
        return entries.remove(rep);
    }

    /** Forgets every entry; what they were. */
    List<T> clear() {
        List<T> live = new ArrayList<>(entries.values());
        entries.clear();
        return live;
    }

    int size() {
        return entries.size();
    }
}
