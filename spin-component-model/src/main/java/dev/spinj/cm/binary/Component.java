package dev.spinj.cm.binary;

import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ExternType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed component (the outermost one, or one nested in a component section): its
 * definitions in binary order and the index spaces they built. Obtain one with {@link
 * ComponentParser#parse(byte[])}.
 *
 * @param offset byte offset of this component's preamble in the outermost binary
 */
public record Component(int offset, List<Definition> definitions, IndexSpaces spaces, List<CustomSection> customSections)
        implements Definition {
    public Component {
        definitions = List.copyOf(definitions);
        customSections = List.copyOf(customSections);
    }

    /** The imports, in order. */
    public List<Import> imports() {
        return definitions.stream().filter(Import.class::isInstance).map(Import.class::cast).toList();
    }

    /** The exports, in order. */
    public List<Export> exports() {
        return definitions.stream().filter(Export.class::isInstance).map(Export.class::cast).toList();
    }

    /** The component's type: what it imports and exports. */
    public ComponentType type() {
        Map<String, ExternType> imports = new LinkedHashMap<>();
        for (Import i : imports()) {
            imports.put(i.name().name(), i.type());
        }
        Map<String, ExternType> exports = new LinkedHashMap<>();
        for (Export e : exports()) {
            exports.put(e.name().name(), e.type());
        }
        return new ComponentType(imports, exports);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "component at byte 0x" + Integer.toHexString(offset) + " (" + definitions.size() + " definitions)";
    }
}
