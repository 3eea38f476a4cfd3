package dev.spinj.wasm.memory;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Linear memory as 64 KiB pages that start out shared, copy-on-write, with a module's
 * {@link MemoryImage} (or the zero page): creating an instance allocates page references, not
 * pages, and a page is copied only when the guest first writes to it. Growing is as cheap. This
 * is what makes a fresh instance per request affordable for guests with many pages and large
 * data segments (PERF-REAL-GUESTS.md). Owned by one instance on one thread at a time.
 */
public final class ImageMemory implements Memory {
    private static final int PAGE_SHIFT = 16;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryImage image;
    private final int initialPages;
    private final int maximumPages;
    private byte[][] pages;
    private boolean[] owned;
    private int pageCount;
    private DataSegment[] dataSegments = new DataSegment[0];

    /** @param maximumPages the module's maximum, already capped by the runtime's memory limit */
    ImageMemory(MemoryImage image, int maximumPages) {
        this.image = image;
        this.initialPages = image.limits().initialPages();
        this.maximumPages = maximumPages;
        this.pageCount = initialPages;
        this.pages = image.pages().clone();
        this.owned = new boolean[pages.length];
    }

    @Override
    public int pages() {
        return pageCount;
    }

    @Override
    public int initialPages() {
        return initialPages;
    }

    @Override
    public int maximumPages() {
        return maximumPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public int grow(int delta) {
        int old = pageCount;
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        if (wanted > maximumPages) {
            return -1;
        }
        if (wanted > pages.length) {
            int capacity = (int) Math.min(maximumPages, Math.max(wanted, pages.length * 2L));
            int from = pages.length;
            pages = Arrays.copyOf(pages, capacity);
            owned = Arrays.copyOf(owned, capacity);
            Arrays.fill(pages, from, capacity, MemoryImage.ZERO_PAGE);
        }
        pageCount = (int) wanted;
        return old;
    }

    @Override
    public void zero() {
        Arrays.fill(pages, MemoryImage.ZERO_PAGE);
        Arrays.fill(owned, false);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        initialize(instance, segments, 0);
    }

    /** Recognises the module's own segments and takes the prepared image instead of re-applying them. */
    @Override
    public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
        this.dataSegments = segments.clone(); // drop() must not reach other instances through a shared array
        if (memoryIndex == 0 && image.matches(segments)) {
            System.arraycopy(image.pages(), 0, pages, 0, image.pages().length);
            Arrays.fill(owned, false);
            return;
        }
        for (DataSegment segment : segments) {
            if (segment instanceof ActiveDataSegment active && active.index() == memoryIndex) {
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                write(offset, active.data(), 0, active.data().length);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        byte[] data = dataSegments[segmentId].data();
        if (offset < 0 || size < 0 || (long) offset + size > data.length) {
            throw new WasmRuntimeException("out of bounds memory access");
        }
        write(dest, data, offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    // ---- bounds and pages

    private void check(int address, long length) {
        if (address < 0 || Integer.toUnsignedLong(address) + length > (long) pageCount * PAGE_SIZE) {
            throw new WasmRuntimeException("out of bounds memory access: attempted to access address: "
                    + Integer.toUnsignedLong(address) + " but limit is: " + (long) pageCount * PAGE_SIZE
                    + " and size: " + length);
        }
    }

    private byte[] writable(int page) {
        if (!owned[page]) {
            pages[page] = pages[page].clone();
            owned[page] = true;
        }
        return pages[page];
    }

    private static boolean crossesPage(int address, int width) {
        return (address & PAGE_MASK) > PAGE_SIZE - width;
    }

    // ---- bytes

    @Override
    public byte read(int address) {
        check(address, 1);
        return pages[address >>> PAGE_SHIFT][address & PAGE_MASK];
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        writable(address >>> PAGE_SHIFT)[address & PAGE_MASK] = value;
    }

    @Override
    public byte[] readBytes(int address, int length) {
        check(address, Integer.toUnsignedLong(length));
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int at = address + done;
            int n = Math.min(length - done, PAGE_SIZE - (at & PAGE_MASK));
            System.arraycopy(pages[at >>> PAGE_SHIFT], at & PAGE_MASK, out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    public void write(int address, byte[] data, int offset, int length) {
        check(address, Integer.toUnsignedLong(length));
        int done = 0;
        while (done < length) {
            int at = address + done;
            int n = Math.min(length - done, PAGE_SIZE - (at & PAGE_MASK));
            System.arraycopy(data, offset + done, writable(at >>> PAGE_SHIFT), at & PAGE_MASK, n);
            done += n;
        }
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        check(fromIndex, Integer.toUnsignedLong(length));
        int done = 0;
        while (done < length) {
            int at = fromIndex + done;
            int n = Math.min(length - done, PAGE_SIZE - (at & PAGE_MASK));
            if (value != 0 || pages[at >>> PAGE_SHIFT] != MemoryImage.ZERO_PAGE) {
                Arrays.fill(writable(at >>> PAGE_SHIFT), at & PAGE_MASK, (at & PAGE_MASK) + n, value);
            }
            done += n;
        }
    }

    @Override
    public void copy(int dest, int src, int size) {
        check(src, Integer.toUnsignedLong(size));
        check(dest, Integer.toUnsignedLong(size));
        write(dest, readBytes(src, size), 0, size);
    }

    // ---- little-endian scalars; a value straddling two pages goes byte by byte

    private long readLittleEndian(int address, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            int at = address + i;
            v = (v << 8) | (pages[at >>> PAGE_SHIFT][at & PAGE_MASK] & 0xFFL);
        }
        return v;
    }

    private void writeLittleEndian(int address, int width, long value) {
        for (int i = 0; i < width; i++) {
            int at = address + i;
            writable(at >>> PAGE_SHIFT)[at & PAGE_MASK] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public short readShort(int address) {
        check(address, 2);
        if (crossesPage(address, 2)) {
            return (short) readLittleEndian(address, 2);
        }
        return (short) SHORT.get(pages[address >>> PAGE_SHIFT], address & PAGE_MASK);
    }

    @Override
    public long readU16(int address) {
        return readShort(address) & 0xFFFFL;
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        if (crossesPage(address, 2)) {
            writeLittleEndian(address, 2, value);
            return;
        }
        SHORT.set(writable(address >>> PAGE_SHIFT), address & PAGE_MASK, value);
    }

    @Override
    public int readInt(int address) {
        check(address, 4);
        if (crossesPage(address, 4)) {
            return (int) readLittleEndian(address, 4);
        }
        return (int) INT.get(pages[address >>> PAGE_SHIFT], address & PAGE_MASK);
    }

    @Override
    public void writeI32(int address, int value) {
        check(address, 4);
        if (crossesPage(address, 4)) {
            writeLittleEndian(address, 4, value);
            return;
        }
        INT.set(writable(address >>> PAGE_SHIFT), address & PAGE_MASK, value);
    }

    @Override
    public long readLong(int address) {
        check(address, 8);
        if (crossesPage(address, 8)) {
            return readLittleEndian(address, 8);
        }
        return (long) LONG.get(pages[address >>> PAGE_SHIFT], address & PAGE_MASK);
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        if (crossesPage(address, 8)) {
            writeLittleEndian(address, 8, value);
            return;
        }
        LONG.set(writable(address >>> PAGE_SHIFT), address & PAGE_MASK, value);
    }

    @Override
    public long readF32(int address) {
        return readInt(address);
    }

    @Override
    public float readFloat(int address) {
        return Float.intBitsToFloat(readInt(address));
    }

    @Override
    public void writeF32(int address, float value) {
        writeI32(address, Float.floatToRawIntBits(value));
    }

    @Override
    public long readF64(int address) {
        return readLong(address);
    }

    @Override
    public double readDouble(int address) {
        return Double.longBitsToDouble(readLong(address));
    }

    @Override
    public void writeF64(int address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    // ---- threads: an unshared memory has no waiters

    @Override
    public Object lock(int address) {
        return this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new WasmRuntimeException("atomic wait on an unshared memory");
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new WasmRuntimeException("atomic wait on an unshared memory");
    }

    @Override
    public int notify(int address, int count) {
        check(address, 4);
        return 0;
    }
}
