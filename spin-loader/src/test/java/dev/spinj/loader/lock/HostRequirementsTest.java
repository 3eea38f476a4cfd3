package dev.spinj.loader.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spin 2+ locks name the host features they need; a host lacking one refuses the app on load. */
class HostRequirementsTest {

    private static String lock(String extra) {
        return """
                { "spin_lock_version": 1, %s
                  "metadata": { "name": "needs" },
                  "components": [ { "id": "a", "source": { "content_type": "application/wasm", "source": "file:///a.wasm" } } ] }
                """.formatted(extra);
    }

    @Test
    void requiredFeatureTheHostLacksIsRefused() {
        IOException e = assertThrows(IOException.class, () -> LockFiles.fromJson(lock(
                "\"must_understand\": [\"host_requirements\"], \"host_requirements\": { \"time_travel\": \"required\" },")));
        assertEquals("This version of Spin does not support the following features required by this application:"
                + " time_travel", e.getMessage());
    }

    @Test
    void serviceChainingIsSupported() throws IOException {
        LockedApp app = LockFiles.fromJson(lock(
                "\"must_understand\": [\"host_requirements\"], \"host_requirements\": { \"local_service_chaining\": \"required\" },"));
        assertEquals("required", app.hostRequirements().get("local_service_chaining"));
    }

    @Test
    void requiredFeatureTheHostHasIsAccepted() throws IOException {
        LockedApp app = new LockedApp(1, List.of("host_requirements"), Map.of("name", "needs"),
                Map.of("local_service_chaining", "required"), Map.of(), List.of(), List.of());
        HostRequirements.check(app, Set.of("local_service_chaining"));
    }

    @Test
    void optionalFeatureIsNotRequired() throws IOException {
        LockedApp app = LockFiles.fromJson(lock("\"host_requirements\": { \"local_service_chaining\": \"optional\" },"));
        assertEquals("optional", app.hostRequirements().get("local_service_chaining"));
    }

    @Test
    void componentLevelRequirementIsRefusedToo() {
        String json = lock("").replace("\"id\": \"a\",",
                "\"id\": \"a\", \"host_requirements\": { \"quantum_entanglement\": \"required\" },");
        IOException e = assertThrows(IOException.class, () -> LockFiles.fromJson(json));
        assertEquals("This version of Spin does not support the following features required by this application:"
                + " quantum_entanglement", e.getMessage());
    }

    @Test
    void unknownMustUnderstandIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> LockFiles.fromJson(lock("\"must_understand\": [\"time_travel\"],")));
        assertEquals("This version of Spin can't run this application: it doesn't understand the lock file's"
                + " must_understand feature \"time_travel\"", e.getMessage());
    }
}
