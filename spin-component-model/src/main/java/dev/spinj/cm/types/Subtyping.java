package dev.spinj.cm.types;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a provided extern type (from the host or another component) satisfies an
 * expected one (an import's declared type), as the Explainer's "Subtyping" section defines:
 * value and function types must be equal; instance, component and module types may export more
 * (and components import less) than expected. An expected abstract resource ({@code (sub
 * resource)}) is bound to the first resource provided for it, and every later use must provide
 * that same resource. One instance is used per import check so that bindings do not leak
 * between unrelated imports.
 */
public final class Subtyping {
    private final Map<ResourceType, ResourceType> bindings = new IdentityHashMap<>();
    /** Why the last resource comparison failed, for messages where both types print the same. */
    private String resourceMismatch;

    /** Empty when {@code provided} may stand for {@code expected}, else the first mismatch, described. */
    public Optional<String> mismatch(ExternType expected, ExternType provided) {
        return extern("", expected, provided);
    }

    /** The resource an expected abstract resource was bound to while checking, if any. */
    public Optional<ResourceType> boundTo(ResourceType expected) {
        return Optional.ofNullable(bindings.get(expected));
    }

    private Optional<String> extern(String path, ExternType expected, ExternType provided) {
        if (expected instanceof FuncType e) {
            return provided instanceof FuncType p ? func(path, e, p) : kind(path, expected, provided);
        }
        if (expected instanceof InstanceType e) {
            return provided instanceof InstanceType p ? exports(path, e.exports(), p.exports()) : kind(path, expected, provided);
        }
        if (expected instanceof ComponentType e) {
            if (!(provided instanceof ComponentType p)) {
                return kind(path, expected, provided);
            }
            for (var imp : p.imports().entrySet()) {
                ExternType want = e.imports().get(imp.getKey());
                if (want == null) {
                    return Optional.of(path + "provided component imports `" + imp.getKey() + "`, which the expected type does not offer");
                }
                Optional<String> m = extern(path + imp.getKey() + ": ", imp.getValue(), want);
                if (m.isPresent()) {
                    return m;
                }
            }
            return exports(path, e.exports(), p.exports());
        }
        if (expected instanceof CoreModuleType e) {
            if (!(provided instanceof CoreModuleType p)) {
                return kind(path, expected, provided);
            }
            for (var exp : e.exports()) {
                if (p.exports().stream().noneMatch(x -> x.name().equals(exp.name()) && x.type().equals(exp.type()))) {
                    return Optional.of(path + "core module lacks export `" + exp.name() + "` " + exp.type());
                }
            }
            for (var imp : p.imports()) {
                if (e.imports().stream().noneMatch(x -> x.module().equals(imp.module()) && x.name().equals(imp.name()))) {
                    return Optional.of(path + "core module imports `" + imp.module() + "." + imp.name() + "`, which is not offered");
                }
            }
            return Optional.empty();
        }
        TypeBound e = (TypeBound) expected;
        if (!(provided instanceof TypeBound p)) {
            return kind(path, expected, provided);
        }
        return type(path, e.type(), p.type());
    }

    private Optional<String> exports(String path, Map<String, ExternType> expected, Map<String, ExternType> provided) {
        for (var exp : expected.entrySet()) {
            ExternType have = provided.get(exp.getKey());
            if (have == null) {
                return Optional.of(path + "missing export `" + exp.getKey() + "` (expected " + exp.getValue() + ")");
            }
            Optional<String> m = extern(path + exp.getKey() + ": ", exp.getValue(), have);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private Optional<String> func(String path, FuncType expected, FuncType provided) {
        // Parameter names are documentation: wasmtime matches functions by types alone too.
        resourceMismatch = null;
        if (expected.params().size() != provided.params().size() || !valOrNull(expected.result(), provided.result())
                || !allEqual(expected.paramTypes(), provided.paramTypes())) {
            String e = expected.toString();
            String p = provided.toString();
            // two resource types may share a name: then only the binding tells them apart
            String why = e.equals(p) && resourceMismatch != null ? " (" + resourceMismatch + ")" : "";
            return Optional.of(path + "expected " + e + ", found " + p + why);
        }
        return Optional.empty();
    }

    private Optional<String> type(String path, Type expected, Type provided) {
        if (expected instanceof ResourceType e) {
            if (!(provided instanceof ResourceType p)) {
                return Optional.of(path + "expected a resource type, found " + provided);
            }
            return resource(e, p) ? Optional.empty()
                    : Optional.of(path + "expected resource " + e + ", found resource " + p);
        }
        if (expected instanceof ValType e && provided instanceof ValType p) {
            return val(e, p) ? Optional.empty() : Optional.of(path + "expected " + e + ", found " + p);
        }
        if (expected instanceof ExternType e && provided instanceof ExternType p) {
            return extern(path, e, p);
        }
        return Optional.of(path + "expected " + expected + ", found " + provided);
    }

    private boolean resource(ResourceType expected, ResourceType provided) {
        if (expected == provided) {
            return true;
        }
        ResourceType bound = bindings.get(expected);
        if (bound != null) {
            if (bound != provided) {
                resourceMismatch = "resource `" + expected + "` is already bound to another resource type than the `"
                        + provided + "` found here";
            }
            return bound == provided;
        }
        if (!expected.isAbstract()) {
            resourceMismatch = "resource `" + expected + "` is the component's own type, not the `" + provided + "` found here";
            return false;
        }
        bindings.put(expected, provided);
        return true;
    }

    private boolean valOrNull(ValType expected, ValType provided) {
        return expected == null ? provided == null : provided != null && val(expected, provided);
    }

    private boolean allEqual(List<ValType> expected, List<ValType> provided) {
        if (expected.size() != provided.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!val(expected.get(i), provided.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean val(ValType expected, ValType provided) {
        if (expected instanceof Primitive) {
            return expected == provided;
        }
        if (expected instanceof ListType e) {
            return provided instanceof ListType p && val(e.element(), p.element());
        }
        if (expected instanceof RecordType e) {
            if (!(provided instanceof RecordType p) || e.fields().size() != p.fields().size()) {
                return false;
            }
            for (int i = 0; i < e.fields().size(); i++) {
                Field ef = e.fields().get(i);
                Field pf = p.fields().get(i);
                if (!ef.name().equals(pf.name()) || !val(ef.type(), pf.type())) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof TupleType e) {
            return provided instanceof TupleType p && allEqual(e.types(), p.types());
        }
        if (expected instanceof VariantType e) {
            if (!(provided instanceof VariantType p) || e.cases().size() != p.cases().size()) {
                return false;
            }
            for (int i = 0; i < e.cases().size(); i++) {
                Case ec = e.cases().get(i);
                Case pc = p.cases().get(i);
                if (!ec.name().equals(pc.name()) || !valOrNull(ec.type(), pc.type())) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof OptionType e) {
            return provided instanceof OptionType p && val(e.type(), p.type());
        }
        if (expected instanceof ResultType e) {
            return provided instanceof ResultType p && valOrNull(e.ok(), p.ok()) && valOrNull(e.error(), p.error());
        }
        if (expected instanceof OwnType e) {
            return provided instanceof OwnType p && resource(e.resource(), p.resource());
        }
        if (expected instanceof BorrowType e) {
            return provided instanceof BorrowType p && resource(e.resource(), p.resource());
        }
        // enum and flags: structural equality of the name lists is the whole type
        return expected.equals(provided);
    }

    private static Optional<String> kind(String path, ExternType expected, ExternType provided) {
        return Optional.of(path + "expected " + expected + ", found " + provided);
    }
}
