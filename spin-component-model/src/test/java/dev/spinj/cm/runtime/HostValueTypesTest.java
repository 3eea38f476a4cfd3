package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.binary.Import;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * compound.wasm imports test:compound/types (records and variants only, no functions) and
 * aliases the type `point` from that imported instance, as wit-component's output does. A host
 * provides functions and resources, never value types: the import's declared types stand in.
 */
class HostValueTypesTest {
    @Test
    void aHostOfFunctionsOnlySatisfiesAnImportThatDeclaresRecordsAndVariants() throws IOException {
        Component c;
        try (InputStream in = getClass().getResourceAsStream("/components/compound.wasm")) {
            c = ComponentParser.parse(in.readAllBytes());
        }
        Linker linker = new Linker();
        for (Import imp : c.imports()) {
            InstanceType type = (InstanceType) imp.type();
            HostInstance.Builder host = HostInstance.implementing(type);
            type.exports().forEach((name, t) -> {
                if (t instanceof FuncType) {
                    host.function(name, args -> args.length == 0 ? null : args[0]);
                }
            });
            linker.instance(imp.name().name(), host.build());
        }
        ComponentInstance instance = linker.link(c, "compound").instantiate();
        assertEquals(RecordValue.of(-7, 8), instance.call("test:compound/api#echo-point", RecordValue.of(-7, 8)));
    }
}
