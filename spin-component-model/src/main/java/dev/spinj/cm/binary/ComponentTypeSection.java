package dev.spinj.cm.binary;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.TypeBound;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code component-type*} custom section of a core module (what wit-bindgen guests such as
 * Rust spin-sdk 2-5 ship instead of a component; SPEC2 §1.3): the world the module was built
 * against, and the string encoding from its {@code wit-component-encoding} section.
 *
 * @param sectionName the custom section's name ({@code component-type} or {@code component-type:...})
 * @param worldName the world's qualified name, e.g. {@code fermyon:spin/http-trigger}
 * @param world the world's imports and exports
 * @param encoding the string encoding the bindings were generated for
 */
public record ComponentTypeSection(String sectionName, String worldName, ComponentType world, StringEncoding encoding) {
    private static final String PREFIX = "component-type";
    private static final String ENCODING_SECTION = "wit-component-encoding";

    /** All component-type sections of a core module, in order (none for a plain module). */
    public static List<ComponentTypeSection> read(byte[] coreModule) {
        ByteReader r = new ByteReader(coreModule, 0, coreModule.length);
        int[] preamble = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        for (int p : preamble) {
            if (r.u8("a core module preamble 00 61 73 6d 01 00 00 00") != p) {
                throw r.errorAt(0, "expected a core module (00 61 73 6d, version 1, layer 0)");
            }
        }
        List<ComponentTypeSection> out = new ArrayList<>();
        while (!r.atEnd()) {
            int id = r.u8("a section id");
            ByteReader s = r.window(r.u32("section size"), "section " + id);
            if (id != 0) {
                continue;
            }
            int nameAt = s.pos();
            String name = s.name("custom section name");
            if (name.startsWith(PREFIX)) {
                out.add(decode(name, nameAt, ComponentParser.component(s, null), s));
            }
        }
        return out;
    }

    private static ComponentTypeSection decode(String name, int at, Component payload, ByteReader s) {
        StringEncoding encoding = StringEncoding.UTF8;
        for (CustomSection c : payload.customSections()) {
            if (c.name().equals(ENCODING_SECTION) && c.payload().length >= 2) {
                int e = c.payload()[1];
                if (e < 0 || e > 2) {
                    throw s.errorAt(c.offset(), "unknown string encoding " + e + " in " + ENCODING_SECTION);
                }
                encoding = StringEncoding.values()[e];
            }
        }
        for (Export export : payload.exports()) {
            if (export.type() instanceof TypeBound b && b.type() instanceof ComponentType outer) {
                for (Map.Entry<String, ExternType> e : outer.exports().entrySet()) {
                    if (e.getValue() instanceof ComponentType world) {
                        return new ComponentTypeSection(name, e.getKey(), world, encoding);
                    }
                }
            }
        }
        throw s.errorAt(at, "custom section `" + name + "` exports no world (a component type exporting a component type)");
    }
}
