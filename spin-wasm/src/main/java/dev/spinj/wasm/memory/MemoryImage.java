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
 * pages. Pages no segment touches are the one shared zero page, so the image costs only the data.
 * Instances start from it copy-on-write ({@link ImageMemory}) instead of allocating, zeroing and
 * re-copying their data segments every time.
 *
 * @param segments the module's data segments, to recognise them when an instance initialises
 * @param pages the initial pages; never written
 */
record MemoryImage(MemoryLimits limits, DataSegment[] segments, byte[][] pages) {
    static final byte[] ZERO_PAGE = new byte[Memory.PAGE_SIZE];

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
        byte[][] pages = new byte[limits.initialPages()][];
        java.util.Arrays.fill(pages, ZERO_PAGE);
        long size = (long) limits.initialPages() * Memory.PAGE_SIZE;
        for (DataSegment segment : segments) {
            if (!(segment instanceof ActiveDataSegment active)) {
                continue;
            }
            Long offset = constantOffset(active);
            if (active.index() != 0 || offset == null || offset + active.data().length > size) {
                return null; // let Chicory apply it, and trap where the spec says so
            }
            write(pages, offset, active.data());
        }
        return new MemoryImage(limits, segments, pages);
    }

    private static Long constantOffset(ActiveDataSegment segment) {
        List<Instruction> code = segment.offsetInstructions();
        boolean single = code.size() == 1 || (code.size() == 2 && code.get(1).opcode() == OpCode.END);
        if (single && code.get(0).opcode() == OpCode.I32_CONST) {
            return Integer.toUnsignedLong((int) code.get(0).operand(0));
        }
        return null;
    }

    private static void write(byte[][] pages, long offset, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long at = offset + done;
            int page = (int) (at >>> 16);
            int within = (int) (at & 0xFFFF);
            int n = Math.min(data.length - done, Memory.PAGE_SIZE - within);
            if (pages[page] == ZERO_PAGE) {
                pages[page] = new byte[Memory.PAGE_SIZE];
            }
            System.arraycopy(data, done, pages[page], within, n);
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
