package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.binary.ComponentParser;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** nested.wat: a nested component drops an own handle of a resource its parent defines and passed in. */
class NestedResourceTest {
    @Test
    void theDefiningComponentsDestructorRuns() throws IOException {
        ComponentInstance i;
        try (InputStream in = getClass().getResourceAsStream("/wat/nested.wasm")) {
            i = new Linker().link(ComponentParser.parse(in.readAllBytes()), "nested").instantiate();
        }
        String api = "test:nest/api#";
        int rep = (Integer) i.call(api + "make", 5L);
        assertEquals(5, rep);
        i.call(api + "eat", rep);
        assertEquals(1L, i.call(api + "drops"));
        assertEquals(5L, i.call(api + "last"));
    }
}
