package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Imports are checked when a component is prepared, before anything runs (CONFIRMED.md). */
@Timeout(60)
class LinkingTest {

    private static ComponentPre prepare(byte[] wasm) throws ComponentLoadException {
        return WasmApp.builder(WatGuests.app("guest", wasm, Map.of())).build().prepare("guest");
    }

    @Test
    void everySpinImportOfBothFlavoursLinksAndInstantiates() throws Exception {
        ComponentPre pre = assertDoesNotThrow(() -> prepare(WatGuests.compile("all-imports")));
        try (GuestInstance instance = pre.instantiate(WasiInvocation.spin(System.out, System.err))) {
            assertEquals("guest", instance.componentId());
        }
    }

    @Test
    void importNoSpinProvidesIsRefusedNamingComponentAndImport() {
        byte[] wasm = Wat2Wasm.parse("(module (import \"wasi_experimental_http\" \"req\" (func (param i32))))");
        var e = assertThrows(LinkException.class, () -> prepare(wasm));
        assertEquals("Failed to instantiate component 'guest': unknown import 'wasi_experimental_http' 'req' "
                + "(no such function in Spin 1.x or WASI preview 1)", e.getMessage());
    }

    @Test
    void importWithTheWrongSignatureIsRefused() {
        byte[] wasm = Wat2Wasm.parse("(module (import \"key-value\" \"open\" (func (param i32 i32))))");
        var e = assertThrows(LinkException.class, () -> prepare(wasm));
        assertEquals("Failed to instantiate component 'guest': unknown import 'key-value' 'open' "
                + "(imported as (i32, i32) -> () but Spin provides (i32, i32, i32) -> ())", e.getMessage());
    }

    @Test
    void memoryImportIsRefused() {
        byte[] wasm = Wat2Wasm.parse("(module (import \"env\" \"memory\" (memory 1)))");
        var e = assertThrows(LinkException.class, () -> prepare(wasm));
        assertEquals("Failed to instantiate component 'guest': unknown import 'env' 'memory' "
                + "(a memory import; Spin provides only functions)", e.getMessage());
    }

    @Test
    void wasiPreview1IsLinked() {
        byte[] wasm = Wat2Wasm.parse("(module (import \"wasi_snapshot_preview1\" \"path_open\" "
                + "(func (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32))))");
        assertDoesNotThrow(() -> prepare(wasm));
    }
}
