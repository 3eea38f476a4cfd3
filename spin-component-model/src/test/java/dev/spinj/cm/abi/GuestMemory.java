package dev.spinj.cm.abi;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;

/** One page of real Chicory memory and a bump realloc that records its calls, like a guest's cabi_realloc. */
final class GuestMemory implements Realloc {
    final Memory memory = new ByteArrayMemory(new MemoryLimits(1, 1));
    final List<List<Integer>> calls = new ArrayList<>();
    int next = 1024;

    @Override
    public int realloc(int oldPtr, int oldSize, int alignment, int newSize) {
        calls.add(List.of(oldPtr, oldSize, alignment, newSize));
        if (oldPtr != 0 && newSize <= oldSize) {
            return oldPtr;
        }
        next = (next + alignment - 1) / alignment * alignment;
        int p = next;
        next += newSize;
        if (oldPtr != 0) {
            memory.write(p, memory.readBytes(oldPtr, oldSize));
        }
        return p;
    }

    CallContext context(InstanceState instance) {
        return new CallContext("test-fn", instance, memory, this);
    }

    static InstanceState instance() {
        return new InstanceState(java.util.Set.of(), (type, rep) -> {});
    }

    byte[] bytes(int ptr, int len) {
        return memory.readBytes(ptr, len);
    }
}
