package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spin 2+ guests load as SPEC2 §1.2 says: a component as it is, a core module with a
 * component-type section as the component componentNew would make of it, both linked against
 * the host once and run through the compiled engine. The guests are the component-model
 * module's cwasi fixtures (source cwasi.c and build command beside them there).
 */
@Timeout(120)
class Spin2GuestLoadingTest {
    private static final Path FIXTURES = Path.of("../spin-component-model/src/test/resources/components");

    private static ComponentPre prepare(String fixture, Map<String, String> env) throws IOException, ComponentLoadException {
        byte[] wasm = Files.readAllBytes(FIXTURES.resolve(fixture));
        var source = new LockedComponentSource(LockedComponentSource.WASM,
                new ContentRef(null, Base64.getEncoder().withoutPadding().encodeToString(wasm), null));
        var component = new LockedComponent("guest", Map.of(), source, env, List.of(), Map.of());
        LockedApp app = new LockedApp(0, Map.of("name", "spin2-test"), Map.of(), List.of(), List.of(component));
        return WasmApp.builder(app).build().prepare("guest");
    }

    private static Object env(ComponentPre pre, String key) {
        try (ComponentGuest guest = pre.instantiateComponent(
                WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()))) {
            return guest.call("env", i -> i.call("test:cwasi/api#env", key));
        }
    }

    @Test
    void aComponentLoadsAsASpin2GuestWithItsComponentExports() throws Exception {
        ComponentPre pre = prepare("cwasi.wasm", Map.of());
        assertTrue(pre.isComponent());
        assertEquals(Set.of("test:cwasi/api"), pre.componentExports());
        assertEquals(Set.of(), pre.exports(), "no core exports: it is not a 1.x module");
    }

    @Test
    void aComponentRunsWithTheComponentsEnvironment() throws Exception {
        assertEquals("hello", env(prepare("cwasi.wasm", Map.of("GREETING", "hello")), "GREETING"));
    }

    @Test
    void aCoreModuleWithAComponentTypeSectionRunsAsTheComponentItWouldMake() throws Exception {
        ComponentPre pre = prepare("cwasi.core.wasm", Map.of("GREETING", "hello"));
        assertTrue(pre.isComponent());
        assertEquals(Set.of("test:cwasi/api"), pre.componentExports());
        assertEquals("hello", env(pre, "GREETING"));
    }

    @Test
    void eachInstanceIsFresh() throws Exception {
        ComponentPre pre = prepare("cwasi.wasm", Map.of("A", "1"));
        assertEquals("1", env(pre, "A"));
        assertEquals("1", env(pre, "A"));
    }

    @Test
    void anImportTheHostDoesNotProvideFailsAtLoadNamingIt() {
        var e = assertThrows(ComponentLoadException.class, () -> prepare("cguest.wasm", Map.of()));
        assertEquals("Failed to load component 'guest'", e.getMessage());
        assertEquals("component `guest` imports `test:cguest/host`, which nothing provides", e.getCause().getMessage());
    }

    @Test
    void aSpin1ModuleIsNotAComponent() throws Exception {
        byte[] wasm = WatGuests.compile("all-imports");
        ComponentPre pre = WasmApp.builder(WatGuests.app("guest", wasm, Map.of())).build().prepare("guest");
        assertFalse(pre.isComponent());
    }
}
