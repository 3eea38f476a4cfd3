package dev.spinj.cm.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubtypingTest {
    private static final FuncType LOG = new FuncType(List.of(new Field("msg", Primitive.STRING)), null);

    private static InstanceType instance(Object... nameTypePairs) {
        Map<String, ExternType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            m.put((String) nameTypePairs[i], (ExternType) nameTypePairs[i + 1]);
        }
        return new InstanceType(m);
    }

    @Test
    void anInstanceMayExportMoreThanExpected() {
        InstanceType expected = instance("log", LOG);
        InstanceType provided = instance("flush", new FuncType(List.of(), null), "log", LOG);
        assertEquals(Optional.empty(), new Subtyping().mismatch(expected, provided));
        assertEquals(Optional.of("missing export `flush` (expected func())"), new Subtyping().mismatch(provided, expected));
    }

    @Test
    void functionTypesMustMatchAndTheMessageNamesBoth() {
        FuncType logBytes = new FuncType(List.of(new Field("msg", new ListType(Primitive.U8))), null);
        assertEquals(Optional.of("log: expected func(msg: string), found func(msg: list<u8>)"),
                new Subtyping().mismatch(instance("log", LOG), instance("log", logBytes)));
        FuncType renamed = new FuncType(List.of(new Field("message", Primitive.STRING)), null);
        assertEquals(Optional.empty(), new Subtyping().mismatch(LOG, renamed));
    }

    @Test
    void recordFieldNamesAreSignificant() {
        RecordType a = new RecordType(List.of(new Field("x", Primitive.S32)));
        RecordType b = new RecordType(List.of(new Field("y", Primitive.S32)));
        FuncType fa = new FuncType(List.of(), a);
        FuncType fb = new FuncType(List.of(), b);
        assertEquals(Optional.of("expected func() -> record { x: s32 }, found func() -> record { y: s32 }"),
                new Subtyping().mismatch(fa, fb));
    }

    @Test
    void resourcesOfTheSameNameAreToldApartInTheMessage() {
        ResourceType expectedStream = ResourceType.declared("output-stream");
        ResourceType hostStream = ResourceType.defined("output-stream", ResourceType.NO_DESTRUCTOR);
        ResourceType otherStream = ResourceType.defined("output-stream", ResourceType.NO_DESTRUCTOR);
        FuncType write = new FuncType(List.of(new Field("self", new BorrowType(expectedStream))), Primitive.U64);
        InstanceType expected = instance("output-stream", new TypeBound(expectedStream), "write", write);
        InstanceType confused = instance("output-stream", new TypeBound(hostStream),
                "write", new FuncType(List.of(new Field("self", new BorrowType(otherStream))), Primitive.U64));
        assertEquals(Optional.of("write: expected func(self: borrow<output-stream>) -> u64, found func(self: borrow<output-stream>) -> u64"
                        + " (resource `output-stream` is already bound to another resource type than the `output-stream` found here)"),
                new Subtyping().mismatch(expected, confused));
    }

    @Test
    void anAbstractResourceBindsToOneProvidedResource() {
        ResourceType expectedStream = ResourceType.declared("output-stream");
        ResourceType hostStream = ResourceType.defined("output-stream", ResourceType.NO_DESTRUCTOR);
        ResourceType otherHost = ResourceType.defined("pollable", ResourceType.NO_DESTRUCTOR);
        FuncType write = new FuncType(List.of(new Field("self", new BorrowType(expectedStream))), Primitive.U64);

        InstanceType expected = instance("output-stream", new TypeBound(expectedStream), "write", write);
        InstanceType good = instance("output-stream", new TypeBound(hostStream),
                "write", new FuncType(List.of(new Field("self", new BorrowType(hostStream))), Primitive.U64));
        Subtyping s = new Subtyping();
        assertEquals(Optional.empty(), s.mismatch(expected, good));
        assertSame(hostStream, s.boundTo(expectedStream).orElseThrow());

        InstanceType confused = instance("output-stream", new TypeBound(hostStream),
                "write", new FuncType(List.of(new Field("self", new BorrowType(otherHost))), Primitive.U64));
        assertEquals(Optional.of("write: expected func(self: borrow<output-stream>) -> u64, found func(self: borrow<pollable>) -> u64"),
                new Subtyping().mismatch(expected, confused));
    }

    @Test
    void aDefinedResourceOnlyMatchesItself() {
        ResourceType r1 = ResourceType.defined("r", 0);
        ResourceType r2 = ResourceType.defined("r", 0);
        assertEquals(Optional.of("expected resource r, found resource r"),
                new Subtyping().mismatch(new TypeBound(r1), new TypeBound(r2)));
    }

    @Test
    void componentsMayImportLessAndExportMore() {
        ComponentType expected = new ComponentType(Map.of("a", LOG), Map.of("x", LOG));
        ComponentType provided = new ComponentType(Map.of(), Map.of("x", LOG, "y", LOG));
        assertEquals(Optional.empty(), new Subtyping().mismatch(expected, provided));
        ComponentType needsMore = new ComponentType(Map.of("a", LOG, "b", LOG), Map.of("x", LOG));
        assertEquals(Optional.of("provided component imports `b`, which the expected type does not offer"),
                new Subtyping().mismatch(expected, needsMore));
    }

    @Test
    void kindMismatch() {
        assertEquals(Optional.of("expected func(msg: string), found instance [log]"),
                new Subtyping().mismatch(LOG, instance("log", LOG)));
    }
}
