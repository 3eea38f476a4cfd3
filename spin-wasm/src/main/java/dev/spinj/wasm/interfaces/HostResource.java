package dev.spinj.wasm.interfaces;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.wasm.host.HostContext;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One host resource type of Spin's interfaces (a store, a connection): the type the host
 * instances declare, and each instance's objects of it by rep. The host instances are linked
 * once per component, so the objects live in the calling instance's {@link HostContext} state:
 * they are released when the guest drops its handle, or all together when the instance ends.
 */
final class HostResource<T> {
    private final String name;
    private final ResourceType type;
    private final int capacity;
    private final Consumer<? super T> release;

    /**
     * @param capacity how many one instance may hold at once (Spin's table sizes)
     * @param release frees what an object holds when the guest drops it or the instance ends
     */
    HostResource(String name, int capacity, Consumer<? super T> release) {
        this.name = name;
        this.type = ResourceType.defined(name, ResourceType.NO_DESTRUCTOR);
        this.capacity = capacity;
        this.release = release;
    }

    ResourceType type() {
        return type;
    }

    /** Declares the resource in {@code b}, also in interfaces that only {@code use} it. */
    HostInstance.Builder declareIn(HostInstance.Builder b) {
        return b.resource(name, type, (t, rep) -> table().drop(rep));
    }

    /** The rep of a new own handle to {@code value}, or empty when the instance holds {@code capacity} already. */
    OptionalInt add(T value) {
        return table().add(value);
    }

    /** The object behind a rep the guest passed; the canonical ABI only passes live reps, so a miss is a host bug. */
    T get(Object rep) {
        T value = table().objects.get((Integer) rep);
        if (value == null) {
            throw new TrapException("unknown " + name + " rep " + rep);
        }
        return value;
    }

    /** Takes an object whose own handle the guest passed to the host: the host now owns it, so it leaves the table. */
    T take(Object rep) {
        T value = get(rep);
        table().objects.remove((Integer) rep);
        return value;
    }

    private Table<T> table() {
        return HostContext.current().state(this, () -> new Table<>(capacity, release));
    }

    private static final class Table<T> implements AutoCloseable {
        private final Map<Integer, T> objects = new HashMap<>();
        private final int capacity;
        private final Consumer<? super T> release;
        private int next = 1;

        Table(int capacity, Consumer<? super T> release) {
            this.capacity = capacity;
            this.release = release;
        }

        OptionalInt add(T value) {
            if (objects.size() >= capacity) {
                return OptionalInt.empty();
            }
            int rep = next++;
            objects.put(rep, value);
            return OptionalInt.of(rep);
        }

        void drop(int rep) {
            T value = objects.remove(rep);
            if (value != null) {
                release.accept(value);
            }
        }

        @Override
        public void close() {
            objects.values().forEach(release);
            objects.clear();
        }
    }
}
