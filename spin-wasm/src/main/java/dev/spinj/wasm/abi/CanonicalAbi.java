package dev.spinj.wasm.abi;

import com.dylibso.chicory.runtime.Instance;
import dev.spinj.wasm.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lowering into and lifting out of one instance's memory for the types Spin uses (SPEC 1.3, 3.8):
 * strings and {@code list<u8>} (size 8, align 4, elements align 1), {@code list<string>} (8-byte
 * elements) and {@code list<tuple<string,string>>} (16-byte elements).
 */
public final class CanonicalAbi {
    public static final int STRING_SIZE = 8;
    public static final int PAIR_SIZE = 16;

    private final GuestMemory memory;
    private final GuestAllocator allocator;

    public CanonicalAbi(Instance instance, Set<String> exports, AbiFlavor allocatorFlavor) {
        this.memory = new GuestMemory(instance.memory());
        this.allocator = new GuestAllocator(instance, exports, memory, allocatorFlavor);
    }

    public GuestMemory memory() {
        return memory;
    }

    public GuestAllocator allocator() {
        return allocator;
    }

    public Slice lowerBytes(byte[] bytes) {
        int ptr = allocator.allocate(1, bytes.length);
        memory.write(ptr, bytes);
        return new Slice(ptr, bytes.length);
    }

    public Slice lowerString(String s) {
        return lowerBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public Slice lowerStrings(List<String> strings) {
        return lowerByteLists(strings.stream().map(str -> str.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** A list of strings or {@code list<u8>}s: each element's bytes, then the array of 8-byte {@code (ptr, len)}. */
    public Slice lowerByteLists(List<byte[]> lists) {
        List<Slice> items = new ArrayList<>(lists.size());
        for (byte[] b : lists) {
            items.add(lowerBytes(b));
        }
        int array = allocator.allocate(4, lists.size() * STRING_SIZE);
        for (int i = 0; i < items.size(); i++) {
            memory.writeI32(array + i * STRING_SIZE, items.get(i).ptr());
            memory.writeI32(array + i * STRING_SIZE + 4, items.get(i).len());
        }
        return new Slice(array, lists.size());
    }

    public Slice lowerHeaders(List<Header> headers) {
        int[] parts = new int[headers.size() * 4];
        for (int i = 0; i < headers.size(); i++) {
            Slice name = lowerString(headers.get(i).name());
            Slice value = lowerString(headers.get(i).value());
            parts[i * 4] = name.ptr();
            parts[i * 4 + 1] = name.len();
            parts[i * 4 + 2] = value.ptr();
            parts[i * 4 + 3] = value.len();
        }
        int array = allocator.allocate(4, headers.size() * PAIR_SIZE);
        for (int i = 0; i < parts.length; i++) {
            memory.writeI32(array + i * 4, parts[i]);
        }
        return new Slice(array, headers.size());
    }

    public byte[] liftBytes(int ptr, int len, String what) {
        return memory.bytes(ptr, len, what);
    }

    public String liftString(int ptr, int len, String what) {
        return memory.string(ptr, len, what);
    }

    public List<String> liftStrings(int ptr, int count, String what) {
        checkArray(ptr, count, STRING_SIZE, what);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = ptr + i * STRING_SIZE;
            out.add(memory.string(memory.i32(at), memory.i32(at + 4), what + "[" + i + "]"));
        }
        return out;
    }

    public List<Header> liftHeaders(int ptr, int count, String what) {
        checkArray(ptr, count, PAIR_SIZE, what);
        List<Header> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = ptr + i * PAIR_SIZE;
            String name = memory.string(memory.i32(at), memory.i32(at + 4), what + "[" + i + "] name");
            String value = memory.string(memory.i32(at + 8), memory.i32(at + 12), what + "[" + i + "] value");
            out.add(new Header(name, value));
        }
        return out;
    }

    /** Frees a returned header list, strings first, as a legacy guest expects (SPEC 1.4 step 6A). */
    public void freeHeaders(int ptr, int count) {
        for (int i = 0; i < count; i++) {
            int at = ptr + i * PAIR_SIZE;
            allocator.free(memory.i32(at), memory.i32(at + 4), 1);
            allocator.free(memory.i32(at + 8), memory.i32(at + 12), 1);
        }
        allocator.free(ptr, count * PAIR_SIZE, 4);
    }

    /** Reads a variant/option tag byte, rejecting values outside {@code 0..cases-1}. */
    public int tag(int ptr, int cases, String what) {
        int tag = memory.u8(ptr);
        if (tag >= cases) {
            throw new GuestAbiException("invalid " + what + " discriminant " + tag);
        }
        return tag;
    }

    private void checkArray(int ptr, int count, int elementSize, String what) {
        long bytes = Integer.toUnsignedLong(count) * elementSize;
        if (bytes > Integer.MAX_VALUE) {
            throw new GuestAbiException(what + " has too many elements: " + Integer.toUnsignedLong(count));
        }
        memory.checkRange(ptr, (int) bytes, what);
    }
}
