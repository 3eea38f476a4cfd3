package dev.spinj.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.WatGuests;
import dev.spinj.wasm.abi.GuestMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** File reads and writes larger than one host chunk still move every byte, into every iovec, in one call. */
@Timeout(60)
class WasiChunkingTest {
    private static final int SIZE = 204_800;

    @TempDir
    Path mount;
    private byte[] content;
    private GuestInstance guest;

    @BeforeEach
    void start() throws Exception {
        content = new byte[SIZE];
        new Random(9).nextBytes(content);
        Files.write(mount.resolve("big.bin"), content);
        LockedApp wat = WatGuests.app("chunks", WatGuests.compile("wasi-chunks"), Map.of());
        LockedComponent c = wat.components().get(0);
        var withMount = new LockedComponent(c.id(), c.metadata(), c.source(), c.env(),
                List.of(new ContentPath(ContentRef.ofPath(mount), "/")), c.config());
        var app = new LockedApp(wat.spinLockVersion(), wat.metadata(), wat.variables(), wat.triggers(), List.of(withMount));
        ComponentPre pre = WasmApp.builder(app).withWritableMounts(true).build().prepare("chunks");
        guest = pre.instantiate(WasiInvocation.spin(System.out, System.err));
    }

    @AfterEach
    void stop() {
        guest.close();
    }

    private int call(String export, long... args) {
        return (int) guest.call(export, args)[0];
    }

    @Test
    void readFillsBothIovecsAndGivesThemBack() {
        assertEquals(SIZE, call("read"));
        GuestMemory memory = guest.abi().memory();
        assertArrayEquals(Arrays.copyOfRange(content, 0, 150_000), memory.bytes(1024, 150_000, "first"));
        assertArrayEquals(Arrays.copyOfRange(content, 150_000, SIZE), memory.bytes(200_000, SIZE - 150_000, "second"));
        assertEquals(List.of(1024, 150_000, 200_000, 100_000),
                List.of(memory.i32(64), memory.i32(68), memory.i32(72), memory.i32(76)));
    }

    @Test
    void preadStartsAtItsOffsetAndStopsAtTheEnd() {
        assertEquals(SIZE - 70_000, call("pread", 70_000));
        assertArrayEquals(Arrays.copyOfRange(content, 70_000, SIZE), guest.abi().memory().bytes(1024, SIZE - 70_000, "data"));
    }

    @Test
    void writeStoresEveryByte() throws Exception {
        assertEquals(SIZE, call("read"));
        assertEquals(150_000, call("write", 150_000));
        assertArrayEquals(Arrays.copyOfRange(content, 0, 150_000), Files.readAllBytes(mount.resolve("copy.bin")));
    }
}
