package dev.spinj.cm.binary;

import static dev.spinj.cm.binary.ComponentBytes.bytes;
import static dev.spinj.cm.binary.ComponentBytes.component;
import static dev.spinj.cm.binary.ComponentBytes.concat;
import static dev.spinj.cm.binary.ComponentBytes.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MalformedComponentTest {

    private static ComponentFormatException rejects(byte[] binary) {
        return assertThrows(ComponentFormatException.class, () -> ComponentParser.parse(binary));
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = MalformedComponentTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void truncatedPreamble() {
        ComponentFormatException e = rejects(bytes(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00));
        assertEquals("malformed component at byte 0x6: unexpected end of input, expected the layer", e.getMessage());
        assertEquals(6, e.offset());
    }

    @Test
    void truncatedSection() {
        byte[] b = component().raw(0x07, 0x05, 0x01, 0x70).build();
        assertEquals("malformed component at byte 0xa: section 7 of 5 bytes runs past the end of input (2 bytes remain)",
                rejects(b).getMessage());
    }

    @Test
    void everyPrefixOfARealComponentFailsWithAnOffsetUnlessItEndsOnASectionBoundary() throws IOException {
        byte[] full = resource("/wat/shapes.wasm");
        ComponentParser.parse(full);
        java.util.Set<Integer> boundaries = sectionBoundaries(full);
        for (int len = 0; len < full.length; len++) {
            byte[] prefix = Arrays.copyOf(full, len);
            if (boundaries.contains(len)) {
                ComponentParser.parse(prefix);
                continue;
            }
            ComponentFormatException e = rejects(prefix);
            if (e.offset() > len) {
                fail("offset " + e.offset() + " beyond the " + len + " bytes given: " + e.getMessage());
            }
        }
    }

    /** Offsets where a top-level section ends (a component may stop after any whole section). */
    private static java.util.Set<Integer> sectionBoundaries(byte[] b) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        int pos = 8;
        out.add(pos);
        while (pos < b.length) {
            pos++;
            int size = 0;
            int shift = 0;
            int v;
            do {
                v = b[pos++] & 0xff;
                size |= (v & 0x7f) << shift;
                shift += 7;
            } while ((v & 0x80) != 0);
            pos += size;
            out.add(pos);
        }
        return out;
    }

    @Test
    void everySingleByteCorruptionParsesOrFailsWithAFormatError() throws IOException {
        byte[] full = resource("/wat/shapes.wasm");
        for (int i = 0; i < full.length; i++) {
            for (int delta : new int[] {1, 0x40, 0x80}) {
                byte[] broken = full.clone();
                broken[i] = (byte) (broken[i] + delta);
                try {
                    ComponentParser.parse(broken);
                } catch (ComponentFormatException expected) {
                    // the only acceptable failure
                } catch (RuntimeException other) {
                    fail("byte " + i + " + " + delta + " escaped as " + other, other);
                }
            }
        }
    }

    @Test
    void badSectionId() {
        byte[] b = component().section(0x42).build();
        assertEquals("malformed component at byte 0x8: expected section id 0..11, found 0x42", rejects(b).getMessage());
    }

    @Test
    void startSectionIsRejectedClearly() {
        byte[] b = component().section(9, 0x00, 0x00, 0x00).build();
        assertEquals("malformed component at byte 0x8: component start sections (section 9, value definitions) are not supported",
                rejects(b).getMessage());
    }

    @Test
    void outOfRangeCoreInstanceIndexInAlias() {
        // alias section: 1 alias, sort core func (00 00), core export (01), instance 5, name "x"
        byte[] b = component().section(6, concat(bytes(0x01, 0x00, 0x00, 0x01, 0x05), name("x"))).build();
        assertEquals("malformed component at byte 0xe: core instance index 5 out of range: 0 defined in this scope",
                rejects(b).getMessage());
    }

    @Test
    void outOfRangeTypeIndexInLift() throws IOException {
        byte[] minimal = resource("/wat/minimal.wasm");
        Component ok = ComponentParser.parse(minimal);
        int typeCount = ok.spaces().count(Sort.TYPE);
        // append: canon section, 1 entry, lift core func 0 with no options, type index = typeCount (one past the end)
        byte[] b = concat(minimal, bytes(0x08, 0x06, 0x01, 0x00, 0x00, 0x00, 0x00, typeCount));
        ComponentFormatException e = rejects(b);
        assertEquals(minimal.length + 7, e.offset());
        assertEquals(String.format("malformed component at byte 0x%x: type index %d out of range: %d defined in this scope",
                minimal.length + 7, typeCount, typeCount), e.getMessage());
    }

    @Test
    void coreModuleWhereAComponentWasExpected() {
        byte[] core = bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        assertEquals("malformed component at byte 0x4: expected a component (version 0x0d, layer 1), found a core module (version 1, layer 0)",
                rejects(core).getMessage());
    }

    @Test
    void unsupportedVersionAndLayer() {
        assertEquals("malformed component at byte 0x4: unsupported component version 0xe, expected 0x0d",
                rejects(bytes(0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00)).getMessage());
        assertEquals("malformed component at byte 0x6: expected layer 1 (component), found layer 2",
                rejects(bytes(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x02, 0x00)).getMessage());
        assertEquals("malformed component at byte 0x0: expected the wasm magic 00 61 73 6d, this is not a WebAssembly binary",
                rejects(bytes(0x7f, 0x45, 0x4c, 0x46, 0x0d, 0x00, 0x01, 0x00)).getMessage());
    }

    @Test
    void unknownTypeOpcode() {
        byte[] b = component().section(7, 0x01, 0x50).build();
        assertEquals("malformed component at byte 0xb: expected a type (0x40 func, 0x41 component, 0x42 instance, 0x3f resource"
                + " or a value type opcode), found 0x50", rejects(b).getMessage());
    }

    @Test
    void unknownCanonOpcode() {
        byte[] b = component().section(8, 0x01, 0x55).build();
        assertEquals("malformed component at byte 0xb: expected a sync canonical definition (0x00 lift, 0x01 lower,"
                + " 0x02 resource.new, 0x03 resource.drop, 0x04 resource.rep), found 0x55", rejects(b).getMessage());
    }

    @Test
    void asyncBuiltinsAreNamedAsUnsupported() {
        byte[] b = component().section(8, 0x01, 0x1f).build();
        assertEquals("malformed component at byte 0xb: expected a sync canonical definition (0x00 lift, 0x01 lower,"
                + " 0x02 resource.new, 0x03 resource.drop, 0x04 resource.rep), found 0x1f (async and thread built-ins are not supported)",
                rejects(b).getMessage());
    }

    @Test
    void coreModuleSectionMustHoldACoreModule() {
        byte[] b = component().section(1, ComponentBytes.PREAMBLE).build();
        assertEquals("malformed component at byte 0xa: expected a core module (00 61 73 6d, version 1, layer 0) in the core module section",
                rejects(b).getMessage());
    }

    @Test
    void sectionLongerThanItsContents() {
        // a type section declaring one bool type, followed by a stray byte inside the section
        byte[] b = component().section(7, 0x01, 0x7f, 0x00).build();
        assertEquals("malformed component at byte 0xc: expected the end of section 7 at byte 0xd, but 1 bytes remain",
                rejects(b).getMessage());
    }

    @Test
    void overlongLeb() {
        byte[] b = component().raw(0x07, 0xff, 0xff, 0xff, 0xff, 0x7f).build();
        assertEquals("malformed component at byte 0x9: invalid LEB128 u32 for section size: too large", rejects(b).getMessage());
    }

    @Test
    void invalidUtf8InName() {
        byte[] b = component().section(0, 0x02, 0xc3, 0x28).build();
        assertEquals("malformed component at byte 0xb: custom section name is not valid UTF-8", rejects(b).getMessage());
    }

    @Test
    void ownOfANonResource() {
        // types: 0 = u32 (0x79), 1 = own 0
        byte[] b = component().section(7, 0x02, 0x79, 0x69, 0x00).build();
        assertEquals("malformed component at byte 0xd: own needs a resource type, but type 0 is u32", rejects(b).getMessage());
    }

    @Test
    void borrowInAResult() {
        // types: 0 = resource (rep i32, no dtor), 1 = func() -> borrow<0> ... written inline: 0x40 00 params, 00 result 1
        byte[] b = component().section(7, 0x03, 0x3f, 0x7f, 0x00, 0x68, 0x00, 0x40, 0x00, 0x00, 0x01).build();
        assertEquals("malformed component at byte 0x10: borrow may not appear in a function result: borrow<resource 0>",
                rejects(b).getMessage());
    }

    @Test
    void aliasOfAMissingInstanceExport() throws IOException {
        byte[] shapes = resource("/wat/shapes.wasm");
        // instance 0 is the imported host instance; alias its (absent) export "nope" as a func
        byte[] alias = concat(bytes(0x01, 0x01, 0x00, 0x00), name("nope"));
        byte[] b = concat(shapes, bytes(0x06, alias.length), alias);
        assertEquals(String.format("malformed component at byte 0x%x: instance 0 has no export named `nope`", shapes.length + 3),
                rejects(b).getMessage());
    }
}
