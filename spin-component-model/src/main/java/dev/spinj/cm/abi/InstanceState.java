package dev.spinj.cm.abi;

import dev.spinj.cm.types.ResourceType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Per component instance ABI state (CanonicalABI.md "Runtime State"): the handle table, the
 * resources this instance implements, and the may-enter / may-leave flags that forbid
 * re-entering an instance and calling out during post-return.
 */
public final class InstanceState {
    final HandleTable handles = new HandleTable();
    private final Set<ResourceType> implemented = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ResourceDestructor destructor;
    private boolean mayLeave = true;
    private boolean inCall;
    private String trappedIn;

    /**
     * @param implementedResources resources defined by this instance (their borrows are passed as reps)
     * @param destructor runs when an own handle is dropped
     */
    public InstanceState(Set<ResourceType> implementedResources, ResourceDestructor destructor) {
        implemented.addAll(implementedResources);
        this.destructor = destructor;
    }

    public boolean implementsResource(ResourceType type) {
        return implemented.contains(type);
    }

    /** Number of live handles in this instance's table. */
    public int liveHandles() {
        return handles.size();
    }

    /** Marks a lifted export as running; a second entry before {@link #exit()} traps (sync instances are not reentrant). */
    public void enter(String function) {
        if (trappedIn != null) {
            throw new CanonicalAbiTrap(function, "the instance trapped earlier (in `" + trappedIn + "`) and may not be entered again");
        }
        if (inCall) {
            throw new CanonicalAbiTrap(function, "the instance is already running an export and may not be re-entered");
        }
        inCall = true;
    }

    public void exit() {
        inCall = false;
    }

    /**
     * Marks the instance unusable after a trap escaped {@code function}: its handle table and
     * memory may be half-updated, so (as in wasmtime) it is never entered again.
     */
    public void poison(String function) {
        if (trappedIn == null) {
            trappedIn = function;
        }
    }

    /** Guards a call out of the instance (lowered import or built-in). */
    public void checkMayLeave(String function) {
        if (!mayLeave) {
            throw new CanonicalAbiTrap(function, "the instance may not call out during post-return");
        }
    }

    /** Runs {@code postReturn} with calls out forbidden. */
    public void duringPostReturn(Runnable postReturn) {
        mayLeave = false;
        try {
            postReturn.run();
        } finally {
            mayLeave = true;
        }
    }

    /** {@code canon resource.new}: a fresh own handle for {@code rep}. */
    public int resourceNew(ResourceType type, int rep, String function) {
        checkMayLeave(function);
        return handles.add(new ResourceHandle(type, rep, true, null), function);
    }

    /** {@code canon resource.rep}: the rep behind a handle of {@code type}. */
    public int resourceRep(ResourceType type, int handle, String function) {
        ResourceHandle h = handles.get(handle, function);
        checkType(h, type, handle, function);
        return h.rep;
    }

    /** {@code canon resource.drop}: removes the handle; an own handle's destructor runs, a borrow ends its lend. */
    public void resourceDrop(ResourceType type, int handle, String function) {
        checkMayLeave(function);
        ResourceHandle h = handles.get(handle, function);
        checkType(h, type, handle, function);
        if (h.lends != 0) {
            throw new CanonicalAbiTrap(function, "handle " + handle + " of " + type + " is dropped while lent out "
                    + h.lends + " time(s)");
        }
        handles.remove(handle, function);
        if (h.own) {
            destructor.destroy(type, h.rep);
        } else if (h.borrowScope != null) {
            h.borrowScope.borrowCount--;
        }
    }

    static void checkType(ResourceHandle h, ResourceType type, int handle, String function) {
        if (h.type != type) {
            throw new CanonicalAbiTrap(function, "handle " + handle + " is a " + h.type + ", not a " + type);
        }
    }
}
