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
 * Linear memory as 4 KiB chunks that start out shared, copy-on-write, with a module's
 * {@link MemoryImage} (or the zero chunk): creating an instance allocates chunk references, not
 * memory, and a chunk is copied only when the guest first writes to it. Growing is as cheap. This
 * is what makes a fresh instance per request affordable for guests with many pages and large
 * data segments (PERF-REAL-GUESTS.md); chunks smaller than a wasm page keep the copy a guest's
 * first write costs small. Owned by one instance on one thread at a time.
 */
public final class ImageMemory implements Memory {
    private static final int CHUNK_SHIFT = MemoryImage.CHUNK_SHIFT;
    private static final int CHUNK_MASK = MemoryImage.CHUNK_SIZE - 1;
    private static final int CHUNK = MemoryImage.CHUNK_SIZE;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryImage image;
    private final int initialPages;
    private final int maximumPages;
    private byte[][] chunks;
    private boolean[] owned;
    private int pageCount;
    private DataSegment[] dataSegments = new DataSegment[0];

    /** @param maximumPages the module's maximum, already capped by the runtime's memory limit */
    ImageMemory(MemoryImage image, int maximumPages) {
        this.image = image;
        this.initialPages = image.limits().initialPages();
        this.maximumPages = maximumPages;
        this.pageCount = initialPages;
        this.chunks = image.chunks().clone();
        this.owned = new boolean[chunks.length];
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
        long wantedChunks = wanted * MemoryImage.CHUNKS_PER_PAGE;
        if (wantedChunks > chunks.length) {
            int capacity = (int) Math.min((long) maximumPages * MemoryImage.CHUNKS_PER_PAGE,
                    Math.max(wantedChunks, chunks.length * 2L));
            int from = chunks.length;
            chunks = Arrays.copyOf(chunks, capacity);
            owned = Arrays.copyOf(owned, capacity);
            Arrays.fill(chunks, from, capacity, MemoryImage.ZERO_CHUNK);
        }
        pageCount = (int) wanted;
        return old;
    }

    @Override
    public void zero() {
        Arrays.fill(chunks, MemoryImage.ZERO_CHUNK);
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
            System.arraycopy(image.chunks(), 0, chunks, 0, image.chunks().length);
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

    // ---- bounds and chunks

    private void check(int address, long length) {
        if (address < 0 || Integer.toUnsignedLong(address) + length > (long) pageCount * PAGE_SIZE) {
            throw new WasmRuntimeException("out of bounds memory access: attempted to access address: "
                    + Integer.toUnsignedLong(address) + " but limit is: " + (long) pageCount * PAGE_SIZE
                    + " and size: " + length);
        }
    }

    private byte[] writable(int chunk) {
        if (!owned[chunk]) {
            chunks[chunk] = chunks[chunk].clone();
            owned[chunk] = true;
        }
        return chunks[chunk];
    }

    private static boolean crossesChunk(int address, int width) {
        return (address & CHUNK_MASK) > CHUNK - width;
    }

    // ---- bytes

    @Override
    public byte read(int address) {
        check(address, 1);
        return chunks[address >>> CHUNK_SHIFT][address & CHUNK_MASK];
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        writable(address >>> CHUNK_SHIFT)[address & CHUNK_MASK] = value;
    }

    @Override
    public byte[] readBytes(int address, int length) {
        check(address, Integer.toUnsignedLong(length));
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int at = address + done;
            int n = Math.min(length - done, CHUNK - (at & CHUNK_MASK));
            System.arraycopy(chunks[at >>> CHUNK_SHIFT], at & CHUNK_MASK, out, done, n);
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
            int n = Math.min(length - done, CHUNK - (at & CHUNK_MASK));
            System.arraycopy(data, offset + done, writable(at >>> CHUNK_SHIFT), at & CHUNK_MASK, n);
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
            int n = Math.min(length - done, CHUNK - (at & CHUNK_MASK));
            if (value != 0 || chunks[at >>> CHUNK_SHIFT] != MemoryImage.ZERO_CHUNK) {
                Arrays.fill(writable(at >>> CHUNK_SHIFT), at & CHUNK_MASK, (at & CHUNK_MASK) + n, value);
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

    // ---- little-endian scalars; a value straddling two chunks goes byte by byte

    private long readLittleEndian(int address, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            int at = address + i;
            v = (v << 8) | (chunks[at >>> CHUNK_SHIFT][at & CHUNK_MASK] & 0xFFL);
        }
        return v;
    }

    private void writeLittleEndian(int address, int width, long value) {
        for (int i = 0; i < width; i++) {
            int at = address + i;
            writable(at >>> CHUNK_SHIFT)[at & CHUNK_MASK] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public short readShort(int address) {
        check(address, 2);
        if (crossesChunk(address, 2)) {
            return (short) readLittleEndian(address, 2);
        }
        return (short) SHORT.get(chunks[address >>> CHUNK_SHIFT], address & CHUNK_MASK);
    }

    @Override
    public long readU16(int address) {
        return readShort(address) & 0xFFFFL;
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        if (crossesChunk(address, 2)) {
            writeLittleEndian(address, 2, value);
            return;
        }
        SHORT.set(writable(address >>> CHUNK_SHIFT), address & CHUNK_MASK, value);
    }

    @Override
    public int readInt(int address) {
        check(address, 4);
        if (crossesChunk(address, 4)) {
            return (int) readLittleEndian(address, 4);
        }
        return (int) INT.get(chunks[address >>> CHUNK_SHIFT], address & CHUNK_MASK);
    }

    @Override
    public void writeI32(int address, int value) {
        check(address, 4);
        if (crossesChunk(address, 4)) {
            writeLittleEndian(address, 4, value);
            return;
        }
        INT.set(writable(address >>> CHUNK_SHIFT), address & CHUNK_MASK, value);
    }

    @Override
    public long readLong(int address) {
        check(address, 8);
        if (crossesChunk(address, 8)) {
            return readLittleEndian(address, 8);
        }
        return (long) LONG.get(chunks[address >>> CHUNK_SHIFT], address & CHUNK_MASK);
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        if (crossesChunk(address, 8)) {
            writeLittleEndian(address, 8, value);
            return;
        }
        LONG.set(writable(address >>> CHUNK_SHIFT), address & CHUNK_MASK, value);
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
