package dev.spinj.cm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.TypeBound;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** component-type sections of core modules made by wit-component's embed (jco componentEmbed). */
class ComponentTypeSectionTest {

    @Test
    void decodesTheWorldOfAnEmbeddedCoreModule() throws IOException {
        List<ComponentTypeSection> sections = ComponentTypeSection.read(MalformedComponentTest.resource("/embed/embedded.wasm"));
        assertEquals(1, sections.size());
        ComponentTypeSection s = sections.get(0);
        assertEquals("component-type", s.sectionName());
        assertEquals("test:embed/guest", s.worldName());
        assertEquals(StringEncoding.UTF8, s.encoding());

        InstanceType host = (InstanceType) s.world().imports().get("test:embed/host");
        assertTrue(((TypeBound) host.exports().get("point")).type() instanceof RecordType);
        ResourceType counter = (ResourceType) ((TypeBound) host.exports().get("counter")).type();
        assertEquals(new OwnType(counter), ((FuncType) host.exports().get("[constructor]counter")).result());
        FuncType next = (FuncType) host.exports().get("[method]counter.next");
        assertSame(counter, ((BorrowType) next.params().get(0).type()).resource());
        assertEquals(new FuncType(List.of(new Field("msg", Primitive.STRING)), null), host.exports().get("log"));

        InstanceType api = (InstanceType) s.world().exports().get("test:embed/api");
        assertEquals(new FuncType(List.of(new Field("name", Primitive.STRING)), Primitive.STRING), api.exports().get("greet"));
    }

    @Test
    void readsTheStringEncoding() throws IOException {
        assertEquals(StringEncoding.UTF16,
                ComponentTypeSection.read(MalformedComponentTest.resource("/embed/embedded16.wasm")).get(0).encoding());
    }

    @Test
    void aPlainCoreModuleHasNone() throws IOException {
        assertEquals(List.of(), ComponentTypeSection.read(MalformedComponentTest.resource("/embed/core.wasm")));
    }

    @Test
    void aTruncatedSectionIsAFormatError() throws IOException {
        byte[] full = MalformedComponentTest.resource("/embed/embedded.wasm");
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 60);
        ComponentFormatException e = assertThrows(ComponentFormatException.class, () -> ComponentTypeSection.read(cut));
        assertTrue(e.getMessage().contains("runs past the end of input"), e.getMessage());
    }
}
