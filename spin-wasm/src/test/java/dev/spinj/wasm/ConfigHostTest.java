package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.wasm.abi.CanonicalAbi;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

/**
 * {@code get-config} as a guest sees it, under both flavours' module names: the result written at
 * the return pointer with the layout of SPEC 3.2 (tag @0; ok string @4/@8; err case @4, string @8/@12).
 */
@Timeout(60)
class ConfigHostTest {

    private record Result(int tag, int errorCase, String text) {}

    private static Result getConfig(String importModule, String reallocName, String key) throws Exception {
        byte[] wasm = WatGuests.compile("config-caller", "IMPORT_MODULE", importModule, "REALLOC", reallocName);
        var app = WatGuests.app("configured", wasm, Map.of("greeting", "hello {{ who }}!", "plain", "static value"));
        app = new dev.spinj.loader.lock.LockedApp(0, app.metadata(),
                Map.of("who", new dev.spinj.loader.lock.LockedVariable(null, "world", null)), app.triggers(), app.components());
        ComponentPre pre = WasmApp.builder(app).build().prepare("configured");
        try (GuestInstance guest = pre.instantiate(WasiInvocation.spin(System.out, System.err))) {
            CanonicalAbi abi = guest.abi();
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            abi.memory().write(2048, keyBytes);
            int ret = (int) guest.call("get", 2048, keyBytes.length)[0];
            int tag = abi.memory().u8(ret);
            if (tag == 0) {
                return new Result(0, -1, abi.liftString(abi.memory().i32(ret + 4), abi.memory().i32(ret + 8), "value"));
            }
            return new Result(1, abi.memory().u8(ret + 4),
                    abi.liftString(abi.memory().i32(ret + 8), abi.memory().i32(ret + 12), "message"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"spin-config, canonical_abi_realloc", "fermyon:spin/config, cabi_realloc"})
    void definedKeyResolvesItsTemplateOverTheAppVariables(String module, String realloc) throws Exception {
        assertEquals(new Result(0, -1, "hello world!"), getConfig(module, realloc, "greeting"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"spin-config, canonical_abi_realloc", "fermyon:spin/config, cabi_realloc"})
    void keyTheComponentDoesNotDefineIsTheOtherError(String module, String realloc) throws Exception {
        assertEquals(new Result(1, 3, "unknown config path: no config for \"configured\".\"missing\""),
                getConfig(module, realloc, "missing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"spin-config, canonical_abi_realloc", "fermyon:spin/config, cabi_realloc"})
    void invalidKeyIsTheInvalidKeyError(String module, String realloc) throws Exception {
        assertEquals(new Result(1, 1, "\"Bad-Key\": may contain only lowercase letters, digits, and '_'"),
                getConfig(module, realloc, "Bad-Key"));
    }
}
