package dev.spinj.wasm.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import org.junit.jupiter.api.Test;

/** Copy-on-write memory from a module's prepared image behaves exactly like fresh wasm memory. */
class ImageMemoryTest {
    private static final WasmModule MODULE = Parser.parse(Wat2Wasm.parse("""
            (module
              (memory (export "memory") 2 4)
              (data (i32.const 8) "hello")
              (data (i32.const 65534) "ab")
              (data "passive!")
              (func (export "init") (memory.init 2 (i32.const 200) (i32.const 0) (i32.const 8)) (data.drop 2))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """));

    private static Instance instance(MemoryFactory factory) {
        return Instance.builder(MODULE).withMemoryFactory(factory).build();
    }

    @Test
    void moduleWithConstantActiveSegmentsHasAnImage() throws Exception {
        assertTrue(MemoryFactory.forModule(MODULE, 1L << 30, "test").usesImage());
    }

    @Test
    void freshInstanceSeesItsDataSegments() throws Exception {
        Memory memory = instance(MemoryFactory.forModule(MODULE, 1L << 30, "test")).memory();
        assertEquals("hello", memory.readString(8, 5));
        assertEquals(0, memory.read(7));
        assertEquals(0, memory.read(65533));
    }

    @Test
    void scalarsStraddlingTwoPagesReadAndWriteLittleEndian() throws Exception {
        Memory memory = instance(MemoryFactory.forModule(MODULE, 1L << 30, "test")).memory();
        assertEquals((short) ('a' | 'b' << 8), memory.readShort(65534));
        memory.writeLong(65532, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, memory.readLong(65532));
        assertEquals(0x08, memory.read(65532));
        assertEquals(0x01, memory.read(65539));
        memory.writeI32(4094, 0xCAFEBABE);
        assertEquals(0xCAFEBABE, memory.readInt(4094));
    }

    @Test
    void writesOfOneInstanceNeverReachAnother() throws Exception {
        MemoryFactory factory = MemoryFactory.forModule(MODULE, 1L << 30, "test");
        Memory first = instance(factory).memory();
        first.writeString(8, "HELLO");
        first.writeI32(70000, 42);
        Memory second = instance(factory).memory();
        assertEquals("hello", second.readString(8, 5));
        assertEquals(0, second.readInt(70000));
    }

    @Test
    void growingPastTheInstanceLimitFailsAsWasmSpecifies() throws Exception {
        Instance instance = instance(MemoryFactory.forModule(MODULE, 3L * Memory.PAGE_SIZE, "test"));
        assertEquals(2, instance.export("grow").apply(1)[0]);
        assertEquals(-1, (int) instance.export("grow").apply(1)[0]);
        assertEquals(3, instance.memory().pages());
    }

    @Test
    void grownPagesAreZeroAndWritable() throws Exception {
        Instance instance = instance(MemoryFactory.forModule(MODULE, 1L << 30, "test"));
        instance.export("grow").apply(2);
        Memory memory = instance.memory();
        assertEquals(0L, memory.readLong(3 * Memory.PAGE_SIZE + 8));
        memory.fill((byte) 7, 3 * Memory.PAGE_SIZE, 3 * Memory.PAGE_SIZE + 16);
        assertArrayEquals(new byte[] {7, 7}, memory.readBytes(3 * Memory.PAGE_SIZE + 14, 2));
    }

    @Test
    void passiveSegmentsInitialiseAndDropPerInstance() throws Exception {
        MemoryFactory factory = MemoryFactory.forModule(MODULE, 1L << 30, "test");
        Instance first = instance(factory);
        first.export("init").apply();
        assertEquals("passive!", first.memory().readString(200, 8));
        Instance second = instance(factory);
        second.export("init").apply(); // the first instance's drop must not empty the second's segment
        assertEquals("passive!", second.memory().readString(200, 8));
    }

    @Test
    void accessPastTheEndIsAnOutOfBoundsTrap() throws Exception {
        Memory memory = instance(MemoryFactory.forModule(MODULE, 1L << 30, "test")).memory();
        assertThrows(WasmRuntimeException.class, () -> memory.readInt(2 * Memory.PAGE_SIZE - 2));
        assertThrows(WasmRuntimeException.class, () -> memory.writeByte(-1, (byte) 1));
    }

    @Test
    void moduleWithoutMemoryHasNoImage() throws Exception {
        assertNull(MemoryImage.of(Parser.parse(Wat2Wasm.parse("(module)"))));
    }
}
