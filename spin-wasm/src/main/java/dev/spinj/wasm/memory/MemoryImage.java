package dev.spinj.wasm.memory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;

/**
 * A module's initial linear memory, built once: its active data segments applied to zeroed
 * memory, kept as 4 KiB chunks. Chunks no segment touches are the one shared zero chunk, so the
 * image costs only the data. Instances start from it copy-on-write ({@link ImageMemory}) instead
 * of allocating, zeroing and re-copying their data segments every time.
 *
 * @param segments the module's data segments, to recognise them when an instance initialises
 * @param chunks the initial memory in {@link #CHUNK_SIZE} pieces; never written
 */
record MemoryImage(MemoryLimits limits, DataSegment[] segments, byte[][] chunks) {
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    static final int CHUNKS_PER_PAGE = Memory.PAGE_SIZE / CHUNK_SIZE;
    static final byte[] ZERO_CHUNK = new byte[CHUNK_SIZE];

    /**
     * The image of the module's single, unshared memory whose segments sit at constant offsets,
     * which is what compilers emit; null for anything else (the default memory then applies).
     */
    static MemoryImage of(WasmModule module) {
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() != 1) {
            return null;
        }
        MemoryLimits limits = module.memorySection().get().getMemory(0).limits();
        if (limits.shared()) {
            return null;
        }
        DataSegment[] segments = module.dataSection().dataSegments();
        byte[][] chunks = new byte[limits.initialPages() * CHUNKS_PER_PAGE][];
        java.util.Arrays.fill(chunks, ZERO_CHUNK);
        long size = (long) limits.initialPages() * Memory.PAGE_SIZE;
        for (DataSegment segment : segments) {
            if (!(segment instanceof ActiveDataSegment active)) {
                continue;
            }
            Long offset = constantOffset(active);
            if (active.index() != 0 || offset == null || offset + active.data().length > size) {
                return null; // let Chicory apply it, and trap where the spec says so
            }
            write(chunks, offset, active.data());
        }
        return new MemoryImage(limits, segments, chunks);
    }

    private static Long constantOffset(ActiveDataSegment segment) {
        List<Instruction> code = segment.offsetInstructions();
        boolean single = code.size() == 1 || (code.size() == 2 && code.get(1).opcode() == OpCode.END);
        if (single && code.get(0).opcode() == OpCode.I32_CONST) {
            return Integer.toUnsignedLong((int) code.get(0).operand(0));
        }
        return null;
    }

    private static void write(byte[][] chunks, long offset, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long at = offset + done;
            int chunk = (int) (at >>> CHUNK_SHIFT);
            int within = (int) (at & (CHUNK_SIZE - 1));
            int n = Math.min(data.length - done, CHUNK_SIZE - within);
            if (chunks[chunk] == ZERO_CHUNK) {
                chunks[chunk] = new byte[CHUNK_SIZE];
            }
            System.arraycopy(data, done, chunks[chunk], within, n);
            done += n;
        }
    }

    /** Whether an instance initialising with {@code instanceSegments} gets exactly this image. */
    boolean matches(DataSegment[] instanceSegments) {
        if (instanceSegments.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (instanceSegments[i] != segments[i]) {
                return false;
            }
        }
        return true;
    }
}
