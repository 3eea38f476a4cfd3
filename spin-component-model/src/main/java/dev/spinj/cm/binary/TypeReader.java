package dev.spinj.cm.binary;

import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.CoreFuncType;
import dev.spinj.cm.types.CoreModuleType;
import dev.spinj.cm.types.CoreModuleType.CoreExternDecl;
import dev.spinj.cm.types.CoreValType;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FlagsType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.Type;
import dev.spinj.cm.types.TypeBound;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes type definitions, extern types, names and aliases, resolving indices against a {@link Scope}. */
final class TypeReader {
    private TypeReader() {}

    /** {@code type ::= deftype} in a component or type-declaration scope. */
    static Type defType(ByteReader r, Scope scope) {
        int at = r.pos();
        int b = r.peek("a type definition");
        switch (b) {
            case 0x40 -> {
                r.u8("func type");
                return funcType(r, scope, at);
            }
            case 0x43 -> throw r.errorAt(at, "async function types (0x43) are not supported");
            case 0x41 -> {
                r.u8("component type");
                return componentType(r, scope);
            }
            case 0x42 -> {
                r.u8("instance type");
                return instanceType(r, scope);
            }
            case 0x3f -> {
                r.u8("resource type");
                if (scope.typeDeclaration) {
                    throw r.errorAt(at, "resource type definitions are not allowed inside component or instance types");
                }
                int rep = r.pos();
                int repType = r.u8("resource representation type");
                if (repType != 0x7f) {
                    throw r.errorAt(rep, "expected resource representation i32 (0x7f), found 0x" + Integer.toHexString(repType));
                }
                int dtor = ResourceType.NO_DESTRUCTOR;
                if (option(r, "resource destructor")) {
                    int idxAt = r.pos();
                    dtor = r.u32("destructor core func index");
                    scope.checkIndex(r, idxAt, Sort.CORE_FUNC, dtor);
                }
                return ResourceType.defined("resource " + scope.spaces.count(Sort.TYPE), dtor);
            }
            default -> {
                return defValType(r, scope);
            }
        }
    }

    private static ValType defValType(ByteReader r, Scope scope) {
        int at = r.pos();
        int b = r.u8("a value type");
        Primitive p = Primitive.ofOpcode(b);
        if (p != null) {
            return p;
        }
        return switch (b) {
            case 0x72 -> {
                int n = count(r, "record fields");
                List<Field> fields = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    fields.add(new Field(r.name("field label"), valType(r, scope)));
                }
                if (fields.isEmpty()) {
                    throw r.errorAt(at, "a record needs at least one field");
                }
                yield new RecordType(fields);
            }
            case 0x71 -> {
                int n = count(r, "variant cases");
                List<Case> cases = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String label = r.name("case label");
                    ValType t = option(r, "case payload") ? valType(r, scope) : null;
                    int refAt = r.pos();
                    if (r.u8("case terminator 0x00") != 0x00) {
                        throw r.errorAt(refAt, "expected 0x00 after variant case `" + label + "` (refinements are not supported)");
                    }
                    cases.add(new Case(label, t));
                }
                if (cases.isEmpty()) {
                    throw r.errorAt(at, "a variant needs at least one case");
                }
                yield new VariantType(cases);
            }
            case 0x70 -> new ListType(valType(r, scope));
            case 0x67 -> throw r.errorAt(at, "fixed-length lists (0x67) are not supported");
            case 0x6f -> {
                int n = count(r, "tuple elements");
                List<ValType> ts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ts.add(valType(r, scope));
                }
                if (ts.isEmpty()) {
                    throw r.errorAt(at, "a tuple needs at least one element");
                }
                yield new TupleType(ts);
            }
            case 0x6e -> {
                List<String> names = labels(r, "flag");
                if (names.isEmpty()) {
                    throw r.errorAt(at, "flags need at least one name");
                }
                yield new FlagsType(names);
            }
            case 0x6d -> {
                List<String> names = labels(r, "enum case");
                if (names.isEmpty()) {
                    throw r.errorAt(at, "an enum needs at least one case");
                }
                yield new EnumType(names);
            }
            case 0x6b -> new OptionType(valType(r, scope));
            case 0x6a -> {
                ValType ok = option(r, "result ok type") ? valType(r, scope) : null;
                ValType err = option(r, "result error type") ? valType(r, scope) : null;
                yield new ResultType(ok, err);
            }
            case 0x69 -> new OwnType(resource(r, scope, "own"));
            case 0x68 -> new BorrowType(resource(r, scope, "borrow"));
            case 0x66, 0x65, 0x64 -> throw r.errorAt(at, "async value types (stream, future, error-context; opcode 0x"
                    + Integer.toHexString(b) + ") are not supported");
            case 0x63 -> throw r.errorAt(at, "map types (0x63) are not supported");
            default -> throw r.errorAt(at, "expected a type (0x40 func, 0x41 component, 0x42 instance, 0x3f resource"
                    + " or a value type opcode), found 0x" + Integer.toHexString(b));
        };
    }

    private static ResourceType resource(ByteReader r, Scope scope, String handle) {
        int at = r.pos();
        int idx = r.u32(handle + " type index");
        Object t = scope.entry(r, at, Sort.TYPE, idx).type();
        if (!(t instanceof ResourceType rt)) {
            throw r.errorAt(at, handle + " needs a resource type, but type " + idx + " is " + t);
        }
        return rt;
    }

    /** {@code valtype}: a primitive opcode (negative s33) or a type index that names a value type. */
    static ValType valType(ByteReader r, Scope scope) {
        int at = r.pos();
        long v = r.s33("a value type");
        if (v < 0) {
            int opcode = (int) (v & 0x7f);
            Primitive p = Primitive.ofOpcode(opcode);
            if (p == null) {
                throw r.errorAt(at, "expected a primitive value type or a type index, found opcode 0x" + Integer.toHexString(opcode));
            }
            return p;
        }
        if (v > Integer.MAX_VALUE) {
            throw r.errorAt(at, "type index " + v + " out of range");
        }
        Object t = scope.entry(r, at, Sort.TYPE, (int) v).type();
        if (!(t instanceof ValType vt)) {
            throw r.errorAt(at, "type index " + v + " is " + t + ", not a value type");
        }
        return vt;
    }

    private static FuncType funcType(ByteReader r, Scope scope, int at) {
        int n = count(r, "function parameters");
        List<Field> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            params.add(new Field(r.name("parameter name"), valType(r, scope)));
        }
        int resAt = r.pos();
        int tag = r.u8("result list (0x00 or 0x01)");
        ValType result;
        if (tag == 0x00) {
            result = valType(r, scope);
        } else if (tag == 0x01) {
            int named = r.u32("named result count");
            if (named != 0) {
                throw r.errorAt(resAt, "named function results (" + named + ") are not supported");
            }
            result = null;
        } else {
            throw r.errorAt(resAt, "expected a result list (0x00 or 0x01), found 0x" + Integer.toHexString(tag));
        }
        if (result != null && containsBorrow(result)) {
            throw r.errorAt(at, "borrow may not appear in a function result: " + result);
        }
        return new FuncType(params, result);
    }

    private static boolean containsBorrow(ValType t) {
        if (t instanceof BorrowType) {
            return true;
        }
        if (t instanceof ListType l) {
            return containsBorrow(l.element());
        }
        if (t instanceof RecordType rec) {
            return rec.fields().stream().anyMatch(f -> containsBorrow(f.type()));
        }
        if (t instanceof TupleType tup) {
            return tup.types().stream().anyMatch(TypeReader::containsBorrow);
        }
        if (t instanceof VariantType v) {
            return v.cases().stream().anyMatch(c -> c.type() != null && containsBorrow(c.type()));
        }
        if (t instanceof OptionType o) {
            return containsBorrow(o.type());
        }
        if (t instanceof ResultType res) {
            return (res.ok() != null && containsBorrow(res.ok())) || (res.error() != null && containsBorrow(res.error()));
        }
        return false;
    }

    private static ComponentType componentType(ByteReader r, Scope parent) {
        Scope scope = new Scope(parent, true);
        Map<String, ExternType> imports = new LinkedHashMap<>();
        Map<String, ExternType> exports = new LinkedHashMap<>();
        int n = count(r, "component type declarations");
        for (int i = 0; i < n; i++) {
            if (r.peek("a component type declaration") == 0x03) {
                r.u8("import declaration");
                ExternName name = externName(r);
                ExternType t = externType(r, scope, name.name());
                imports.put(name.name(), t);
                addExtern(scope, new Import(name, t), t);
            } else {
                declaration(r, scope, exports);
            }
        }
        return new ComponentType(imports, exports);
    }

    private static InstanceType instanceType(ByteReader r, Scope parent) {
        Scope scope = new Scope(parent, true);
        Map<String, ExternType> exports = new LinkedHashMap<>();
        int n = count(r, "instance type declarations");
        for (int i = 0; i < n; i++) {
            declaration(r, scope, exports);
        }
        return new InstanceType(exports);
    }

    /** {@code instancedecl}: core type, type, alias or export declaration. */
    private static void declaration(ByteReader r, Scope scope, Map<String, ExternType> exports) {
        int at = r.pos();
        int b = r.u8("a declaration (0x00 core type, 0x01 type, 0x02 alias, 0x04 export)");
        switch (b) {
            case 0x00 -> {
                Object t = coreType(r, scope);
                scope.add(Sort.CORE_TYPE, new CoreTypeDefinition(t), t);
            }
            case 0x01 -> {
                Type t = defType(r, scope);
                scope.add(Sort.TYPE, new TypeDefinition(t), t);
            }
            case 0x02 -> alias(r, scope);
            case 0x04 -> {
                ExternName name = externName(r);
                ExternType t = externType(r, scope, name.name());
                exports.put(name.name(), t);
                addExtern(scope, new Export(name, null, t), t);
            }
            default -> throw r.errorAt(at, "expected a declaration (0x00 core type, 0x01 type, 0x02 alias, 0x03 import"
                    + " in component types, 0x04 export), found 0x" + Integer.toHexString(b));
        }
    }

    /** Adds an imported/declared item of extern type {@code t} to the matching index space. */
    static void addExtern(Scope scope, Definition definition, ExternType t) {
        scope.add(sortOf(t), definition, entryType(t));
    }

    static Sort sortOf(ExternType t) {
        if (t instanceof FuncType) {
            return Sort.FUNC;
        }
        if (t instanceof InstanceType) {
            return Sort.INSTANCE;
        }
        if (t instanceof ComponentType) {
            return Sort.COMPONENT;
        }
        if (t instanceof CoreModuleType) {
            return Sort.CORE_MODULE;
        }
        return Sort.TYPE;
    }

    /** What an index entry records for an item of extern type {@code t}. */
    static Object entryType(ExternType t) {
        return t instanceof TypeBound b ? b.type() : t;
    }

    /** The extern type of an index entry of {@code sort}, or null when unknown (embedded core modules). */
    static ExternType externOf(Sort sort, Object entryType) {
        if (sort == Sort.TYPE) {
            return new TypeBound((Type) entryType);
        }
        return (ExternType) entryType;
    }

    /** {@code externtype}; {@code name} names fresh abstract resources. */
    static ExternType externType(ByteReader r, Scope scope, String name) {
        int at = r.pos();
        int b = r.u8("an extern type");
        switch (b) {
            case 0x00 -> {
                int subAt = r.pos();
                int sub = r.u8("core module sort 0x11");
                if (sub != 0x11) {
                    throw r.errorAt(subAt, "expected core sort module (0x11) in a core extern type, found 0x" + Integer.toHexString(sub));
                }
                return typed(r, scope, Sort.CORE_TYPE, CoreModuleType.class, "core module type");
            }
            case 0x01 -> {
                return typed(r, scope, Sort.TYPE, FuncType.class, "func type");
            }
            case 0x02 -> throw r.errorAt(at, "value imports and exports are not supported");
            case 0x03 -> {
                int boundAt = r.pos();
                int bound = r.u8("type bound (0x00 eq, 0x01 sub resource)");
                if (bound == 0x00) {
                    int idxAt = r.pos();
                    int idx = r.u32("type index");
                    return new TypeBound((Type) scope.entry(r, idxAt, Sort.TYPE, idx).type());
                }
                if (bound == 0x01) {
                    return new TypeBound(ResourceType.declared(name));
                }
                throw r.errorAt(boundAt, "expected a type bound (0x00 eq, 0x01 sub resource), found 0x" + Integer.toHexString(bound));
            }
            case 0x04 -> {
                return typed(r, scope, Sort.TYPE, ComponentType.class, "component type");
            }
            case 0x05 -> {
                return typed(r, scope, Sort.TYPE, InstanceType.class, "instance type");
            }
            default -> throw r.errorAt(at, "expected an extern type (0x00..0x05), found 0x" + Integer.toHexString(b));
        }
    }

    private static <T extends ExternType> T typed(ByteReader r, Scope scope, Sort sort, Class<T> kind, String what) {
        int at = r.pos();
        int idx = r.u32(what + " index");
        Object t = scope.entry(r, at, sort, idx).type();
        if (!kind.isInstance(t)) {
            throw r.errorAt(at, "expected a " + what + " at " + sort + " index " + idx + ", found " + t);
        }
        return kind.cast(t);
    }

    /** {@code alias}: adds the aliased item's entry to this scope and returns the alias. */
    static Alias alias(ByteReader r, Scope scope) {
        int at = r.pos();
        Sort sort = Sort.read(r);
        int tagAt = r.pos();
        int tag = r.u8("alias target (0x00 export, 0x01 core export, 0x02 outer)");
        switch (tag) {
            case 0x00 -> {
                int idxAt = r.pos();
                int instance = r.u32("instance index");
                IndexEntry inst = scope.entry(r, idxAt, Sort.INSTANCE, instance);
                String name = r.name("export name");
                Object type = null;
                if (inst.type() instanceof InstanceType it) {
                    ExternType exported = it.exports().get(name);
                    if (exported == null) {
                        throw r.errorAt(at, "instance " + instance + " has no export named `" + name + "`");
                    }
                    if (sortOf(exported) != sort) {
                        throw r.errorAt(at, "instance " + instance + " export `" + name + "` is a " + sortOf(exported) + ", not a " + sort);
                    }
                    type = entryType(exported);
                }
                Alias a = new Alias.InstanceExport(sort, instance, name);
                scope.add(sort, a, type);
                return a;
            }
            case 0x01 -> {
                if (!sort.isCore()) {
                    throw r.errorAt(at, "a core export alias needs a core sort, found " + sort);
                }
                int idxAt = r.pos();
                int instance = r.u32("core instance index");
                scope.checkIndex(r, idxAt, Sort.CORE_INSTANCE, instance);
                String name = r.name("core export name");
                Alias a = new Alias.CoreInstanceExport(sort, instance, name);
                scope.add(sort, a, null);
                return a;
            }
            case 0x02 -> {
                if (sort != Sort.TYPE && sort != Sort.CORE_TYPE && sort != Sort.COMPONENT && sort != Sort.CORE_MODULE) {
                    throw r.errorAt(at, "outer aliases may only refer to types, core types, components and core modules, not " + sort);
                }
                int countAt = r.pos();
                int count = r.u32("outer alias scope count");
                Scope target = scope.outer(r, countAt, count);
                int idxAt = r.pos();
                int index = r.u32("outer alias index");
                IndexEntry e = target.entry(r, idxAt, sort, index);
                Alias a = new Alias.Outer(sort, count, index);
                scope.add(sort, a, e.type());
                return a;
            }
            default -> throw r.errorAt(tagAt, "expected an alias target (0x00 export, 0x01 core export, 0x02 outer), found 0x"
                    + Integer.toHexString(tag));
        }
    }

    /** {@code nameattributes}. */
    static ExternName externName(ByteReader r) {
        int at = r.pos();
        int b = r.u8("a name (0x00, 0x01 or 0x02)");
        if (b == 0x00 || b == 0x01) {
            return ExternName.plain(r.name("import/export name"));
        }
        if (b != 0x02) {
            throw r.errorAt(at, "expected a name (0x00, 0x01 or 0x02 with attributes), found 0x" + Integer.toHexString(b));
        }
        String name = r.name("import/export name");
        String implementsName = null;
        String versionSuffix = null;
        String externalId = null;
        int n = count(r, "name attributes");
        for (int i = 0; i < n; i++) {
            int attrAt = r.pos();
            int kind = r.u8("a name attribute");
            switch (kind) {
                case 0x00 -> implementsName = r.name("implements interface name");
                case 0x01 -> versionSuffix = r.name("version suffix");
                case 0x02 -> externalId = r.name("external id");
                default -> throw r.errorAt(attrAt, "expected a name attribute (0x00 implements, 0x01 version suffix,"
                        + " 0x02 external id), found 0x" + Integer.toHexString(kind));
            }
        }
        return new ExternName(name, implementsName, versionSuffix, externalId);
    }

    /** {@code core:type}: a core function type or a module type. */
    static Object coreType(ByteReader r, Scope scope) {
        int at = r.pos();
        int b = r.u8("a core type (0x60 func or 0x50 module)");
        return switch (b) {
            case 0x60 -> coreFuncType(r);
            case 0x50 -> moduleType(r, scope);
            case 0x00, 0x4e, 0x4f, 0x5e, 0x5f -> throw r.errorAt(at, "GC core types (0x" + Integer.toHexString(b) + ") are not supported");
            default -> throw r.errorAt(at, "expected a core type (0x60 func or 0x50 module), found 0x" + Integer.toHexString(b));
        };
    }

    private static CoreFuncType coreFuncType(ByteReader r) {
        List<CoreValType> params = coreValTypes(r, "core func params");
        List<CoreValType> results = coreValTypes(r, "core func results");
        return new CoreFuncType(params, results);
    }

    private static List<CoreValType> coreValTypes(ByteReader r, String what) {
        int n = count(r, what);
        List<CoreValType> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(coreValType(r));
        }
        return out;
    }

    static CoreValType coreValType(ByteReader r) {
        int at = r.pos();
        int b = r.u8("a core value type");
        return switch (b) {
            case 0x7f -> CoreValType.I32;
            case 0x7e -> CoreValType.I64;
            case 0x7d -> CoreValType.F32;
            case 0x7c -> CoreValType.F64;
            case 0x7b -> CoreValType.V128;
            case 0x70 -> CoreValType.FUNCREF;
            case 0x6f -> CoreValType.EXTERNREF;
            default -> throw r.errorAt(at, "expected a core value type (0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64, 0x7b v128,"
                    + " 0x70 funcref, 0x6f externref), found 0x" + Integer.toHexString(b));
        };
    }

    private static CoreModuleType moduleType(ByteReader r, Scope scope) {
        List<Object> localTypes = new ArrayList<>();
        List<CoreExternDecl> imports = new ArrayList<>();
        List<CoreExternDecl> exports = new ArrayList<>();
        int n = count(r, "module type declarations");
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int b = r.u8("a module declaration (0x00 import, 0x01 type, 0x02 alias, 0x03 export)");
            switch (b) {
                case 0x00 -> {
                    String module = r.name("core import module");
                    String field = r.name("core import field");
                    imports.add(new CoreExternDecl(module, field, coreExternDesc(r, localTypes)));
                }
                case 0x01 -> {
                    int tAt = r.pos();
                    Object t = coreType(r, scope);
                    if (t instanceof CoreModuleType) {
                        throw r.errorAt(tAt, "a module type may not define module types");
                    }
                    localTypes.add(t);
                }
                case 0x02 -> {
                    int sortAt = r.pos();
                    if (r.u8("core sort type 0x10") != 0x10 || r.u8("outer alias 0x01") != 0x01) {
                        throw r.errorAt(sortAt, "expected an outer core type alias (0x10 0x01)");
                    }
                    int countAt = r.pos();
                    int count = r.u32("outer alias scope count");
                    int idxAt = r.pos();
                    int index = r.u32("outer alias index");
                    if (count == 0) {
                        if (index >= localTypes.size()) {
                            throw r.errorAt(idxAt, "core type index " + index + " out of range: " + localTypes.size() + " defined in this module type");
                        }
                        localTypes.add(localTypes.get(index));
                    } else {
                        localTypes.add(scope.outer(r, countAt, count - 1).entry(r, idxAt, Sort.CORE_TYPE, index).type());
                    }
                }
                case 0x03 -> {
                    String name = r.name("core export name");
                    exports.add(new CoreExternDecl(null, name, coreExternDesc(r, localTypes)));
                }
                default -> throw r.errorAt(at, "expected a module declaration (0x00 import, 0x01 type, 0x02 alias,"
                        + " 0x03 export), found 0x" + Integer.toHexString(b));
            }
        }
        return new CoreModuleType(imports, exports);
    }

    private static String coreExternDesc(ByteReader r, List<Object> localTypes) {
        int at = r.pos();
        int b = r.u8("a core extern type");
        switch (b) {
            case 0x00 -> {
                int idxAt = r.pos();
                int idx = r.u32("core type index");
                if (idx >= localTypes.size()) {
                    throw r.errorAt(idxAt, "core type index " + idx + " out of range: " + localTypes.size() + " defined in this module type");
                }
                return "func " + localTypes.get(idx);
            }
            case 0x01 -> {
                CoreValType ref = coreValType(r);
                return "table " + ref + " " + limits(r);
            }
            case 0x02 -> {
                return "memory " + limits(r);
            }
            case 0x03 -> {
                CoreValType t = coreValType(r);
                int mutAt = r.pos();
                int mut = r.u8("global mutability");
                if (mut > 1) {
                    throw r.errorAt(mutAt, "expected global mutability 0x00 or 0x01, found 0x" + Integer.toHexString(mut));
                }
                return (mut == 1 ? "global mut " : "global ") + t;
            }
            case 0x04 -> {
                int attrAt = r.pos();
                if (r.u8("tag attribute 0x00") != 0) {
                    throw r.errorAt(attrAt, "expected tag attribute 0x00");
                }
                return "tag " + r.u32("tag type index");
            }
            default -> throw r.errorAt(at, "expected a core extern type (0x00 func, 0x01 table, 0x02 memory, 0x03 global,"
                    + " 0x04 tag), found 0x" + Integer.toHexString(b));
        }
    }

    private static String limits(ByteReader r) {
        int at = r.pos();
        int flags = r.u8("limits flags");
        if ((flags & ~0x07) != 0) {
            throw r.errorAt(at, "expected limits flags 0x00..0x07, found 0x" + Integer.toHexString(flags));
        }
        boolean wide = (flags & 0x04) != 0;
        long min = wide ? r.u64("limits minimum") : r.u32("limits minimum");
        String text = String.valueOf(min);
        if ((flags & 0x01) != 0) {
            text += ".." + (wide ? r.u64("limits maximum") : r.u32("limits maximum"));
        }
        return (flags & 0x02) != 0 ? text + " shared" : text;
    }

    private static List<String> labels(ByteReader r, String what) {
        int n = count(r, what + " names");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(r.name(what + " name"));
        }
        return names;
    }

    /** A vector length, bounded by the bytes left (every element takes at least one byte). */
    static int count(ByteReader r, String what) {
        int at = r.pos();
        int n = r.u32("number of " + what);
        if (n > r.end() - r.pos()) {
            throw r.errorAt(at, "number of " + what + " (" + n + ") exceeds the " + (r.end() - r.pos()) + " bytes left");
        }
        return n;
    }

    /** {@code <T>?}: 0x00 absent, 0x01 present. */
    static boolean option(ByteReader r, String what) {
        int at = r.pos();
        int b = r.u8(what + " presence (0x00 or 0x01)");
        if (b > 1) {
            throw r.errorAt(at, "expected 0x00 or 0x01 for optional " + what + ", found 0x" + Integer.toHexString(b));
        }
        return b == 1;
    }
}
