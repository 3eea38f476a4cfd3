package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Own handles dropped in a nested component run the destructor of the resource's definer. */
class NestedResourceTest {
    private static Component load(String name) throws IOException {
        try (InputStream in = NestedResourceTest.class.getResourceAsStream("/wat/" + name)) {
            return ComponentParser.parse(in.readAllBytes());
        }
    }

    /** nested.wat: a nested component drops an own handle of a resource its parent defines and passed in. */
    @Test
    void theDefiningComponentsDestructorRuns() throws IOException {
        ComponentInstance i = new Linker().link(load("nested.wasm"), "nested").instantiate();
        String api = "test:nest/api#";
        int rep = (Integer) i.call(api + "make", 5L);
        assertEquals(5, rep);
        i.call(api + "eat", rep);
        assertEquals(1L, i.call(api + "drops"));
        assertEquals(5L, i.call(api + "last"));
    }

    /** nested-host-resource.wat: the parent passes a host resource type down; the nested component drops one. */
    @Test
    void theHostsDestructorRunsForAHostResourceDroppedInANestedComponent() throws IOException {
        ResourceType blob = ResourceType.defined("blob", ResourceType.NO_DESTRUCTOR);
        List<Integer> destroyed = new ArrayList<>();
        HostInstance host = HostInstance.builder()
                .resource("blob", blob, (type, rep) -> destroyed.add(rep))
                .function("make", ComponentFunction.of(new FuncType(List.of(), new OwnType(blob)), args -> 7))
                .build();
        ComponentInstance i = new Linker().instance("test:nest/host", host).link(load("nested-host-resource.wasm"), "nested")
                .instantiate();

        i.call("churn");

        assertEquals(List.of(7), destroyed);
    }
}
