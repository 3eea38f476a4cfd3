package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canon definitions that cannot work fail at link or instantiation time, naming the function and what is missing. */
class LinkValidationTest {
    private static Component load(String name) throws IOException {
        try (InputStream in = LinkValidationTest.class.getResourceAsStream("/wat/" + name)) {
            return ComponentParser.parse(in.readAllBytes());
        }
    }

    @Test
    void aLiftOfStringsWithoutMemoryFailsToLink() throws IOException {
        Component c = load("bad-options.wasm");
        LinkException e = assertThrows(LinkException.class, () -> new Linker().link(c, "bad-options"));
        assertEquals("component `bad-options`: canon lift of func(s: string) needs a memory option", e.getMessage());
    }

    @Test
    void aLiftOfACoreFunctionOfTheWrongTypeFailsToInstantiate() throws IOException {
        LinkedComponent linked = new Linker().link(load("bad-core-type.wasm"), "bad-core-type");
        LinkException e = assertThrows(LinkException.class, linked::instantiate);
        assertEquals("component `bad-core-type`: canon lift of `f`: the core function has type (func [i32] -> []),"
                + " the canonical ABI needs (func [i64] -> [i32])", e.getMessage());
    }

    @Test
    void anImportedInterfaceOfTypesOnlyNeedsNothingFromTheHost() throws IOException {
        LinkedComponent linked = new Linker().link(load("types-only-import.wasm"), "types-only");
        assertEquals(Map.of(), linked.instantiate().exports());
    }

    @Test
    void anImportedInterfaceWithAFunctionNothingProvidesFailsToLink() throws IOException {
        Component c = load("unprovided-function-import.wasm");
        LinkException e = assertThrows(LinkException.class, () -> new Linker().link(c, "calls"));
        assertEquals("component `calls` imports `test:types/calls`, which nothing provides", e.getMessage());
    }
}
