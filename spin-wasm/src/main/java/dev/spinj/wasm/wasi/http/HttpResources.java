package dev.spinj.wasm.wasi.http;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.wasm.host.HostContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wasi:http host objects one instance holds handles to, by rep. Per instance (kept in its
 * {@link HostContext}), so concurrent requests never see each other's objects, and closed with
 * the instance: a body still open then is aborted, an in-flight request cancelled.
 */
final class HttpResources implements AutoCloseable {
    private static final Object KEY = new Object();

    private final Map<Integer, Object> live = new HashMap<>();
    private int next = 1;

    /** The table of the instance whose host call or export call runs on this thread. */
    static HttpResources current() {
        return HostContext.current().state(KEY, HttpResources::new);
    }

    int add(Object resource) {
        int rep = next++;
        live.put(rep, resource);
        return rep;
    }

    /** The object behind a borrowed handle. */
    <T> T get(Object rep, Class<T> type) {
        Object resource = live.get((Integer) rep);
        if (!type.isInstance(resource)) {
            throw new TrapException("wasi:http: no " + type.getSimpleName() + " with rep " + rep);
        }
        return type.cast(resource);
    }

    /** The object behind an own handle the guest gave up (a constructor's or static's argument). */
    <T> T take(Object rep, Class<T> type) {
        T resource = get(rep, type);
        live.remove((Integer) rep);
        return resource;
    }

    /** The guest dropped its handle: the object goes, and tells what it owns. */
    void drop(int rep) {
        if (live.remove(rep) instanceof Owner owner) {
            owner.released();
        }
    }

    int size() {
        return live.size();
    }

    @Override
    public void close() {
        List<Object> left = new ArrayList<>(live.values());
        live.clear();
        for (Object resource : left) {
            if (resource instanceof Owner owner) {
                owner.released();
            }
        }
    }

    /** A host object that holds something beyond itself (a body, a request in flight). */
    interface Owner {
        /** The guest let go without finishing: abort or discard what is held. */
        void released();
    }
}
