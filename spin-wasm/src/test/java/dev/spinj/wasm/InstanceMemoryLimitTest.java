package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --max-instance-memory} also bounds what a module declares: a 4 GiB module is refused at startup. */
@Timeout(60)
class InstanceMemoryLimitTest {

    private static ComponentPre prepare(String wat, long maxInstanceMemory) throws ComponentLoadException {
        var app = WatGuests.app("big", Wat2Wasm.parse(wat), Map.of());
        return WasmApp.builder(app).withMaxInstanceMemory(maxInstanceMemory).build().prepare("big");
    }

    @Test
    void moduleDeclaringMoreInitialMemoryThanTheCapIsRefusedNamingComponentSizeAndCap() {
        var e = assertThrows(ComponentLoadException.class,
                () -> prepare("(module (memory (export \"memory\") 65536))", 256L << 20));
        assertEquals("Failed to load component 'big'", e.getMessage());
        assertEquals("the inline wasm declares an initial memory of 65536 pages (4 GiB), above the per-instance "
                + "limit of 4096 pages (256 MiB, --max-instance-memory)", e.getCause().getMessage());
    }

    @Test
    void moduleJustAboveTheCapIsRefusedAndOneAtTheCapRuns() throws Exception {
        assertThrows(ComponentLoadException.class, () -> prepare("(module (memory 17))", 16L << 16));
        ComponentPre pre = assertDoesNotThrow(() -> prepare("(module (memory (export \"memory\") 16))", 16L << 16));
        try (GuestInstance instance = pre.instantiate(WasiInvocation.spin(System.out, System.err))) {
            assertEquals("big", instance.componentId());
        }
    }
}
