package dev.spinj.cm.binary;

import static dev.spinj.cm.binary.ComponentBytes.bytes;
import static dev.spinj.cm.binary.ComponentBytes.component;
import static dev.spinj.cm.binary.ComponentBytes.concat;
import static dev.spinj.cm.binary.ComponentBytes.name;
import static dev.spinj.cm.binary.MalformedComponentTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.FlagsType;
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

class ParseRealComponentTest {

    @Test
    void minimalComponentHasOneModuleInstanceLiftAndExport() throws IOException {
        Component c = ComponentParser.parse(resource("/wat/minimal.wasm"));
        assertEquals(1, c.spaces().count(Sort.CORE_MODULE));
        assertEquals(1, c.spaces().count(Sort.CORE_INSTANCE));
        CoreModule m = (CoreModule) c.spaces().get(Sort.CORE_MODULE, 0).definition();
        WasmModule core = Parser.parse(m.stream());
        assertEquals("answer", core.exportSection().getExport(0).name());

        Export answer = c.exports().get(0);
        assertEquals("answer", answer.name().name());
        assertEquals(new FuncType(List.of(), Primitive.U32), answer.type());
        // the lift is func 0, the export aliases it as func 1
        assertEquals(2, c.spaces().count(Sort.FUNC));
        assertInstanceOf(Canon.Lift.class, c.spaces().get(Sort.FUNC, 0).definition());
        assertEquals("component-name", c.customSections().get(0).name());
    }

    @Test
    void witComponentShapeResolvesImportsResourcesCanonsAndNestedComponents() throws IOException {
        Component c = ComponentParser.parse(resource("/wat/shapes.wasm"));

        Import host = c.imports().get(0);
        assertEquals("test:shapes/host@0.2.3", host.name().name());
        InstanceType hostType = (InstanceType) host.type();
        ResourceType stream = (ResourceType) ((TypeBound) hostType.exports().get("stream")).type();
        assertTrue(stream.isAbstract());
        FuncType write = (FuncType) hostType.exports().get("[method]stream.write");
        assertEquals(new BorrowType(stream), write.params().get(0).type());
        assertEquals(Primitive.U64, write.result());
        assertInstanceOf(RecordType.class, ((TypeBound) hostType.exports().get("point")).type());

        assertEquals(4, c.spaces().count(Sort.CORE_MODULE));
        List<Canon> canons = c.definitions().stream().filter(Canon.class::isInstance).map(Canon.class::cast).toList();
        Canon.ResourceNew rNew = (Canon.ResourceNew) canons.stream().filter(Canon.ResourceNew.class::isInstance).findFirst().orElseThrow();
        Canon.ResourceDrop rDrop = (Canon.ResourceDrop) canons.stream().filter(Canon.ResourceDrop.class::isInstance).findFirst().orElseThrow();
        assertSame(rNew.resource(), rDrop.resource());
        ResourceType thing = rNew.resource();
        assertTrue(thing.destructorCoreFunc() >= 0);

        Canon.Lower lower = (Canon.Lower) canons.stream().filter(Canon.Lower.class::isInstance).findFirst().orElseThrow();
        assertEquals(new FuncType(List.of(new dev.spinj.cm.types.Field("msg", Primitive.STRING)), null), lower.type());
        assertEquals(CanonOptions.StringEncoding.UTF8, lower.options().encoding());
        assertTrue(lower.options().memory() >= 0 && lower.options().realloc() >= 0);

        Export things = c.exports().stream().filter(e -> e.name().name().equals("test:shapes/things@0.1.0")).findFirst().orElseThrow();
        InstanceType thingsType = (InstanceType) things.type();
        assertSame(thing, ((TypeBound) thingsType.exports().get("thing")).type());
        FuncType make = (FuncType) thingsType.exports().get("make");
        assertEquals(new OwnType(thing), make.result());

        // the nested component re-exports the lifted `twice` through an instance of it
        Component inner = (Component) c.spaces().space(Sort.COMPONENT).get(0).definition();
        assertEquals(1, inner.imports().size());
        assertInstanceOf(Alias.Outer.class, inner.spaces().get(Sort.TYPE, inner.spaces().count(Sort.TYPE) - 1).definition());
        InstanceType math = (InstanceType) c.exports().stream().filter(e -> e.name().name().equals("test:shapes/math")).findFirst().orElseThrow().type();
        FuncType add = (FuncType) math.exports().get("add");
        assertSame(((TypeBound) math.exports().get("point")).type(), add.result());
        assertEquals(new FuncType(List.of(new dev.spinj.cm.types.Field("n", Primitive.U32)), Primitive.U32),
                c.exports().stream().filter(e -> e.name().name().equals("twice")).findFirst().orElseThrow().type());
        assertEquals(2, add.params().size());
        assertInstanceOf(RecordType.class, add.result());
    }

    @Test
    void nameAttributesCarryVersionSuffixAndImplements() {
        // import section: one import named with the 0x02 form and two attributes, type (sub resource)
        byte[] imp = concat(bytes(0x01, 0x02), name("wasi:io/streams@0.2"),
                bytes(0x02, 0x01), name(".3"), bytes(0x00), name("wasi:io/streams@0.2.3"),
                bytes(0x03, 0x01));
        Component c = ComponentParser.parse(component().section(10, imp).build());
        ExternName n = c.imports().get(0).name();
        assertEquals("wasi:io/streams@0.2", n.name());
        assertEquals(".3", n.versionSuffix());
        assertEquals("wasi:io/streams@0.2.3", n.implementsName());
        assertNull(n.externalId());
    }

    @Test
    void historicalNameForm0x01IsAPlainName() {
        byte[] imp = concat(bytes(0x01, 0x01), name("r"), bytes(0x03, 0x01));
        Component c = ComponentParser.parse(component().section(10, imp).build());
        assertEquals(ExternName.plain("r"), c.imports().get(0).name());
    }

    @Test
    void moreThan32FlagsAreAccepted() {
        byte[] flags = bytes(0x01, 0x6e, 40);
        for (int i = 0; i < 40; i++) {
            flags = concat(flags, name("f" + i));
        }
        Component c = ComponentParser.parse(component().section(7, flags).build());
        assertEquals(40, ((FlagsType) c.spaces().get(Sort.TYPE, 0).type()).names().size());
    }
}
