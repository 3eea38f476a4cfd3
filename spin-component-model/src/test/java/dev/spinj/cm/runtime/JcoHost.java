package dev.spinj.cm.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.Import;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.InstanceType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.TypeBound;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host of a calls file, scripted the way tools/reference.mjs scripts jco's: every imported
 * function records its call and answers from the file's {@code host} section, every imported
 * resource's drop is recorded as {@code iface#[resource-drop]r}. Imports on one semver track
 * ({@code wasi:io/streams@0.2.3} and {@code @0.2.12}) are served by ONE host instance, as a real
 * host would serve them; a call is attributed to the version whose interface declares the
 * function (the later one when both do, as the reference does).
 */
final class JcoHost {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonNode behaviours;
    private final JcoValues values;
    private final Map<String, Integer> answered = new HashMap<>();
    /** Each imported resource type -> the host's type serving it; one per track and resource name. */
    private final Map<ResourceType, ResourceType> hostTypeOf = new IdentityHashMap<>();
    private final Map<String, ResourceType> sharedHostTypes = new HashMap<>();
    private List<JsonNode> calls = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();

    JcoHost(JsonNode behaviours, JcoValues values) {
        this.behaviours = behaviours;
        this.values = values;
    }

    /** The names the host instances were registered under, one per semver track. */
    List<String> registered() {
        return registered;
    }

    /** Starts recording the host calls of the next export call. */
    List<JsonNode> record() {
        calls = new ArrayList<>();
        return calls;
    }

    /** A linker providing every instance {@code component} imports. */
    Linker linker(Component component) {
        Map<String, ExternType> imports = new LinkedHashMap<>();
        for (Import imp : component.imports()) {
            imports.put(imp.name().name(), imp.type());
        }
        return linker(imports);
    }

    /** A linker providing every instance of {@code imports} (a component's, or a world's). */
    Linker linker(Map<String, ExternType> imports) {
        Map<String, Map<String, InstanceType>> tracks = new LinkedHashMap<>();
        for (var imp : imports.entrySet()) {
            if (!(imp.getValue() instanceof InstanceType it)) {
                throw new AssertionError("the fixture imports " + imp.getKey() + " as " + imp.getValue() + ", not an instance");
            }
            String name = imp.getKey();
            tracks.computeIfAbsent(InterfaceName.track(name), t -> new LinkedHashMap<>()).put(name, it);
            Map<String, ResourceType> trackResources = new HashMap<>();
            for (var e : it.exports().entrySet()) {
                if (e.getValue() instanceof TypeBound b && b.type() instanceof ResourceType r) {
                    String qualified = name + "#" + e.getKey();
                    values.nameResource(r, qualified, true);
                    trackResources.put(e.getKey(), r);
                }
            }
            // a resource another interface defines (`use`d, bound by eq) keeps the host type of
            // its first declaration; versions of one interface on a track share one host type
            trackResources.forEach((n, r) -> hostTypeOf.computeIfAbsent(r, k -> {
                ResourceType host = sharedHostTypes.computeIfAbsent(InterfaceName.track(name) + "#" + n,
                        key -> ResourceType.defined(n, ResourceType.NO_DESTRUCTOR));
                values.nameResource(host, name + "#" + n, true);
                return host;
            }));
        }
        Linker linker = new Linker();
        tracks.forEach((track, versions) -> {
            HostInstance.Builder builder = HostInstance.builder();
            versions.forEach((name, type) -> type.exports().forEach((export, ext) -> {
                if (ext instanceof TypeBound b && b.type() instanceof ResourceType r) {
                    builder.resource(export, hostTypeOf.get(r), (t, rep) -> dropped(t, rep));
                } else if (ext instanceof FuncType f) {
                    FuncType hostType = substitute(f);
                    String full = name + "#" + export;
                    builder.function(export, ComponentFunction.of(hostType, args -> called(full, hostType, args)));
                }
            }));
            String registeredAs = versions.keySet().iterator().next();
            linker.instance(registeredAs, builder.build());
            registered.add(registeredAs);
        });
        return linker;
    }

    private void dropped(ResourceType type, int rep) {
        String made = values.hostResourceName(type, rep);
        int hash = made.lastIndexOf('#');
        ArrayNode args = JSON.arrayNode().add(JSON.objectNode().put("resource", made).put("id", rep));
        calls.add(JSON.objectNode().put("import", made.substring(0, hash) + "#[resource-drop]" + made.substring(hash + 1))
                .set("args", args));
    }

    private Object called(String full, FuncType type, Object[] args) {
        ArrayNode json = JSON.arrayNode();
        for (int i = 0; i < args.length; i++) {
            json.add(values.toJson(type.params().get(i).type(), args[i]));
        }
        ObjectNode call = JSON.objectNode().put("import", full);
        call.set("args", json);
        calls.add(call);
        if (type.result() == null) {
            return null;
        }
        return values.toJava(type.result(), answer(full, json));
    }

    private JsonNode answer(String full, ArrayNode args) {
        JsonNode b = behaviours.get(full);
        if (b == null) {
            throw new AssertionError("the calls file has no host behaviour for " + full);
        }
        if (b.isTextual() && b.asText().equals("echo")) {
            return args.get(0);
        }
        if (b.has("returns")) {
            return b.get("returns");
        }
        int n = answered.merge(full, 1, Integer::sum) - 1;
        JsonNode each = b.get("returns-each");
        if (each == null || n >= each.size()) {
            throw new AssertionError("host behaviour for " + full + " has no answer for call " + (n + 1));
        }
        return each.get(n);
    }

    /** {@code f} with every imported resource replaced by the one host type serving its track. */
    private FuncType substitute(FuncType f) {
        List<Field> params = new ArrayList<>();
        for (Field p : f.params()) {
            params.add(new Field(p.name(), substitute(p.type())));
        }
        return new FuncType(params, f.result() == null ? null : substitute(f.result()));
    }

    private ValType substitute(ValType t) {
        if (t instanceof OwnType o) {
            return new OwnType(hostTypeOf.getOrDefault(o.resource(), o.resource()));
        }
        if (t instanceof BorrowType b) {
            return new BorrowType(hostTypeOf.getOrDefault(b.resource(), b.resource()));
        }
        if (t instanceof ListType l) {
            return new ListType(substitute(l.element()));
        }
        if (t instanceof OptionType o) {
            return new OptionType(substitute(o.type()));
        }
        if (t instanceof ResultType r) {
            return new ResultType(r.ok() == null ? null : substitute(r.ok()), r.error() == null ? null : substitute(r.error()));
        }
        if (t instanceof TupleType tt) {
            return new TupleType(tt.types().stream().map(this::substitute).toList());
        }
        if (t instanceof RecordType r) {
            return new RecordType(r.fields().stream().map(x -> new Field(x.name(), substitute(x.type()))).toList());
        }
        if (t instanceof VariantType v) {
            return new VariantType(v.cases().stream()
                    .map(c -> new Case(c.name(), c.type() == null ? null : substitute(c.type()))).toList());
        }
        return t;
    }
}
