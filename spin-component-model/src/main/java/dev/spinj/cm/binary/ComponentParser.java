package dev.spinj.cm.binary;

import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.Subtyping;
import dev.spinj.cm.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes a component binary (Binary.md, version 0x0d, layer 1) into a {@link Component}:
 * definitions in order, with the index spaces of every (nested) component scope built as the
 * spec describes. All failures are {@link ComponentFormatException}s naming the byte offset.
 */
public final class ComponentParser {
    private static final int SECTION_CUSTOM = 0;

    private ComponentParser() {}

    /** Parses a whole component binary. */
    public static Component parse(byte[] binary) {
        ByteReader r = new ByteReader(binary, 0, binary.length);
        Component c = component(r, null);
        r.expectEnd("the component");
        return c;
    }

    static Component component(ByteReader r, Scope parent) {
        int start = r.pos();
        preamble(r);
        Scope scope = new Scope(parent, false);
        List<Definition> definitions = new ArrayList<>();
        List<CustomSection> customs = new ArrayList<>();
        while (!r.atEnd()) {
            int sectionAt = r.pos();
            int id = r.u8("a section id");
            int size = r.u32("section size");
            ByteReader s = r.window(size, "section " + id);
            switch (id) {
                case SECTION_CUSTOM -> {
                    String name = s.name("custom section name");
                    customs.add(new CustomSection(name, sectionAt, s.bytes(s.end() - s.pos(), "custom section payload")));
                }
                case 1 -> coreModule(s, scope, definitions);
                case 2 -> vector(s, "core instances", () -> coreInstance(s, scope, definitions));
                case 3 -> vector(s, "core types", () -> {
                    Object t = TypeReader.coreType(s, scope);
                    define(scope, definitions, Sort.CORE_TYPE, new CoreTypeDefinition(t), t);
                });
                case 4 -> {
                    Component nested = component(s, scope);
                    define(scope, definitions, Sort.COMPONENT, nested, nested.type());
                }
                case 5 -> vector(s, "instances", () -> instance(s, scope, definitions));
                case 6 -> vector(s, "aliases", () -> definitions.add(TypeReader.alias(s, scope)));
                case 7 -> vector(s, "types", () -> {
                    Type t = TypeReader.defType(s, scope);
                    define(scope, definitions, Sort.TYPE, new TypeDefinition(t), t);
                });
                case 8 -> vector(s, "canonical definitions", () -> canon(s, scope, definitions));
                case 9 -> throw r.errorAt(sectionAt, "component start sections (section 9, value definitions) are not supported");
                case 10 -> vector(s, "imports", () -> {
                    ExternName name = TypeReader.externName(s);
                    ExternType t = TypeReader.externType(s, scope, name.name());
                    Import imp = new Import(name, t);
                    definitions.add(imp);
                    TypeReader.addExtern(scope, imp, t);
                });
                case 11 -> vector(s, "exports", () -> export(s, scope, definitions));
                case 12 -> throw r.errorAt(sectionAt, "component value sections (section 12) are not supported");
                default -> throw r.errorAt(sectionAt, "expected section id 0..11, found 0x" + Integer.toHexString(id));
            }
            s.expectEnd("section " + id);
        }
        return new Component(start, definitions, scope.spaces, customs);
    }

    private static void preamble(ByteReader r) {
        int at = r.pos();
        int[] magic = {0x00, 0x61, 0x73, 0x6d};
        for (int m : magic) {
            int b = r.u8("the wasm magic 00 61 73 6d");
            if (b != m) {
                throw r.errorAt(at, "expected the wasm magic 00 61 73 6d, this is not a WebAssembly binary");
            }
        }
        int versionAt = r.pos();
        int version = r.u8("the version") | r.u8("the version") << 8;
        int layer = r.u8("the layer") | r.u8("the layer") << 8;
        if (layer == 0) {
            throw r.errorAt(versionAt, "expected a component (version 0x0d, layer 1), found a core module (version "
                    + version + ", layer 0)");
        }
        if (layer != 1) {
            throw r.errorAt(versionAt + 2, "expected layer 1 (component), found layer " + layer);
        }
        if (version != 0x0d) {
            throw r.errorAt(versionAt, "unsupported component version 0x" + Integer.toHexString(version) + ", expected 0x0d");
        }
    }

    private static void vector(ByteReader s, String what, Runnable element) {
        int n = TypeReader.count(s, what);
        for (int i = 0; i < n; i++) {
            element.run();
        }
    }

    private static void define(Scope scope, List<Definition> definitions, Sort sort, Definition d, Object type) {
        definitions.add(d);
        scope.add(sort, d, type);
    }

    private static void coreModule(ByteReader s, Scope scope, List<Definition> definitions) {
        int at = s.pos();
        int length = s.end() - at;
        int[] preamble = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        for (int p : preamble) {
            if (s.u8("a core module preamble 00 61 73 6d 01 00 00 00") != p) {
                throw s.errorAt(at, "expected a core module (00 61 73 6d, version 1, layer 0) in the core module section");
            }
        }
        s.skip(length - preamble.length);
        define(scope, definitions, Sort.CORE_MODULE, new CoreModule(s.data(), at, length), null);
    }

    private static void coreInstance(ByteReader s, Scope scope, List<Definition> definitions) {
        int at = s.pos();
        int kind = s.u8("a core instance (0x00 instantiate, 0x01 exports)");
        CoreInstance inst;
        if (kind == 0x00) {
            int modAt = s.pos();
            int module = s.u32("core module index");
            scope.checkIndex(s, modAt, Sort.CORE_MODULE, module);
            List<CoreInstance.Arg> args = new ArrayList<>();
            int n = TypeReader.count(s, "instantiation arguments");
            for (int i = 0; i < n; i++) {
                String name = s.name("argument name");
                int sortAt = s.pos();
                if (s.u8("core sort instance 0x12") != 0x12) {
                    throw s.errorAt(sortAt, "core instantiation arguments must be core instances (0x12)");
                }
                int idxAt = s.pos();
                int idx = s.u32("core instance index");
                scope.checkIndex(s, idxAt, Sort.CORE_INSTANCE, idx);
                args.add(new CoreInstance.Arg(name, idx));
            }
            inst = new CoreInstance.Instantiate(module, args);
        } else if (kind == 0x01) {
            List<CoreInstance.CoreExport> exports = new ArrayList<>();
            int n = TypeReader.count(s, "core inline exports");
            for (int i = 0; i < n; i++) {
                String name = s.name("core export name");
                Sort sort = Sort.core(s);
                int idxAt = s.pos();
                int idx = s.u32(sort + " index");
                scope.checkIndex(s, idxAt, sort, idx);
                exports.add(new CoreInstance.CoreExport(name, new SortIndex(sort, idx)));
            }
            inst = new CoreInstance.Exports(exports);
        } else {
            throw s.errorAt(at, "expected a core instance (0x00 instantiate, 0x01 exports), found 0x" + Integer.toHexString(kind));
        }
        define(scope, definitions, Sort.CORE_INSTANCE, inst, null);
    }

    private static SortIndex sortIndex(ByteReader s, Scope scope) {
        Sort sort = Sort.read(s);
        int idxAt = s.pos();
        int idx = s.u32(sort + " index");
        scope.checkIndex(s, idxAt, sort, idx);
        return new SortIndex(sort, idx);
    }

    private static void instance(ByteReader s, Scope scope, List<Definition> definitions) {
        int at = s.pos();
        int kind = s.u8("an instance (0x00 instantiate, 0x01 exports)");
        if (kind == 0x00) {
            int compAt = s.pos();
            int component = s.u32("component index");
            Object ct = scope.entry(s, compAt, Sort.COMPONENT, component).type();
            List<Instance.Arg> args = new ArrayList<>();
            int n = TypeReader.count(s, "instantiation arguments");
            for (int i = 0; i < n; i++) {
                String name = s.name("argument name");
                args.add(new Instance.Arg(name, sortIndex(s, scope)));
            }
            InstanceType type = ct instanceof ComponentType c ? new InstanceType(c.exports()) : null;
            define(scope, definitions, Sort.INSTANCE, new Instance.Instantiate(component, args), type);
        } else if (kind == 0x01) {
            List<Instance.InlineExport> exports = new ArrayList<>();
            Map<String, ExternType> types = new LinkedHashMap<>();
            int n = TypeReader.count(s, "inline exports");
            for (int i = 0; i < n; i++) {
                ExternName name = TypeReader.externName(s);
                SortIndex item = sortIndex(s, scope);
                exports.add(new Instance.InlineExport(name, item));
                types.put(name.name(), itemType(scope, item));
            }
            define(scope, definitions, Sort.INSTANCE, new Instance.Exports(exports), new InstanceType(types));
        } else {
            throw s.errorAt(at, "expected an instance (0x00 instantiate, 0x01 exports), found 0x" + Integer.toHexString(kind));
        }
    }

    private static ExternType itemType(Scope scope, SortIndex item) {
        Object t = scope.spaces.get(item.sort(), item.index()).type();
        return t == null ? null : TypeReader.externOf(item.sort(), t);
    }

    private static void canon(ByteReader s, Scope scope, List<Definition> definitions) {
        int at = s.pos();
        int kind = s.u8("a canonical definition");
        switch (kind) {
            case 0x00 -> {
                funcSort(s, 0x00, "canon lift core func sort 0x00");
                int fAt = s.pos();
                int coreFunc = s.u32("core func index");
                scope.checkIndex(s, fAt, Sort.CORE_FUNC, coreFunc);
                CanonOptions opts = options(s, scope);
                int tAt = s.pos();
                int typeIndex = s.u32("func type index");
                Object t = scope.entry(s, tAt, Sort.TYPE, typeIndex).type();
                if (!(t instanceof FuncType ft)) {
                    throw s.errorAt(tAt, "canon lift needs a func type, but type " + typeIndex + " is " + t);
                }
                define(scope, definitions, Sort.FUNC, new Canon.Lift(coreFunc, opts, typeIndex, ft), ft);
            }
            case 0x01 -> {
                funcSort(s, 0x00, "canon lower func sort 0x00");
                int fAt = s.pos();
                int func = s.u32("func index");
                Object t = scope.entry(s, fAt, Sort.FUNC, func).type();
                CanonOptions opts = options(s, scope);
                define(scope, definitions, Sort.CORE_FUNC, new Canon.Lower(func, opts, (FuncType) t), null);
            }
            case 0x02, 0x03, 0x04 -> {
                int tAt = s.pos();
                int typeIndex = s.u32("resource type index");
                Object t = scope.entry(s, tAt, Sort.TYPE, typeIndex).type();
                if (!(t instanceof ResourceType rt)) {
                    throw s.errorAt(tAt, "resource built-ins need a resource type, but type " + typeIndex + " is " + t);
                }
                Canon c = switch (kind) {
                    case 0x02 -> new Canon.ResourceNew(typeIndex, rt);
                    case 0x03 -> new Canon.ResourceDrop(typeIndex, rt);
                    default -> new Canon.ResourceRep(typeIndex, rt);
                };
                define(scope, definitions, Sort.CORE_FUNC, c, null);
            }
            default -> throw s.errorAt(at, "expected a sync canonical definition (0x00 lift, 0x01 lower, 0x02 resource.new,"
                    + " 0x03 resource.drop, 0x04 resource.rep), found 0x" + Integer.toHexString(kind)
                    + (kind <= 0x42 ? " (async and thread built-ins are not supported)" : ""));
        }
    }

    private static void funcSort(ByteReader s, int expected, String what) {
        int at = s.pos();
        int b = s.u8(what);
        if (b != expected) {
            throw s.errorAt(at, "expected " + what + ", found 0x" + Integer.toHexString(b));
        }
    }

    private static CanonOptions options(ByteReader s, Scope scope) {
        CanonOptions.StringEncoding encoding = null;
        int memory = CanonOptions.NONE;
        int realloc = CanonOptions.NONE;
        int postReturn = CanonOptions.NONE;
        int n = TypeReader.count(s, "canonical options");
        for (int i = 0; i < n; i++) {
            int at = s.pos();
            int opt = s.u8("a canonical option");
            switch (opt) {
                case 0x00, 0x01, 0x02 -> {
                    if (encoding != null) {
                        throw s.errorAt(at, "duplicate string-encoding option");
                    }
                    encoding = CanonOptions.StringEncoding.values()[opt];
                }
                case 0x03 -> memory = optionIndex(s, scope, Sort.CORE_MEMORY, memory, "memory");
                case 0x04 -> realloc = optionIndex(s, scope, Sort.CORE_FUNC, realloc, "realloc");
                case 0x05 -> postReturn = optionIndex(s, scope, Sort.CORE_FUNC, postReturn, "post-return");
                case 0x06, 0x07 -> throw s.errorAt(at, "async canonical options (async, callback) are not supported");
                default -> throw s.errorAt(at, "expected a canonical option (0x00..0x05), found 0x" + Integer.toHexString(opt));
            }
        }
        return new CanonOptions(encoding == null ? CanonOptions.StringEncoding.UTF8 : encoding, memory, realloc, postReturn);
    }

    private static int optionIndex(ByteReader s, Scope scope, Sort sort, int previous, String what) {
        int at = s.pos();
        if (previous != CanonOptions.NONE) {
            throw s.errorAt(at - 1, "duplicate " + what + " option");
        }
        int idx = s.u32(what + " " + sort + " index");
        scope.checkIndex(s, at, sort, idx);
        return idx;
    }

    private static void export(ByteReader s, Scope scope, List<Definition> definitions) {
        ExternName name = TypeReader.externName(s);
        int itemAt = s.pos();
        SortIndex item = sortIndex(s, scope);
        if (item.sort().isCore() && item.sort() != Sort.CORE_MODULE) {
            throw s.errorAt(itemAt, "a component may not export a " + item.sort() + " (only core modules among core sorts)");
        }
        ExternType inferred = itemType(scope, item);
        ExternType type = inferred;
        if (TypeReader.option(s, "export type ascription")) {
            int typeAt = s.pos();
            ExternType ascribed = TypeReader.externType(s, scope, name.name());
            if (inferred == null) {
                type = ascribed;
            } else {
                // the inferred type keeps resource identities; the ascription must be a supertype of it
                Optional<String> mismatch = new Subtyping().mismatch(ascribed, inferred);
                if (mismatch.isPresent()) {
                    throw s.errorAt(typeAt, "export `" + name.name() + "` does not match its ascribed type: " + mismatch.get());
                }
            }
        }
        Export e = new Export(name, item, type);
        definitions.add(e);
        Object entry = scope.spaces.get(item.sort(), item.index()).type();
        scope.add(item.sort(), e, type == null ? entry : TypeReader.entryType(type));
    }
}
