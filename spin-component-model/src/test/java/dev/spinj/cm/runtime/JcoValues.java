package dev.spinj.cm.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FlagsType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value encoding of spin-component-model/tools/README.md, driven by the component's own
 * types: JSON to the engine's Java values and back. Resources are named as the reference names
 * them: a host resource by the id the calls file chose (spinj's rep is that id), a guest resource
 * by the order in which the caller first received it.
 */
final class JcoValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<ResourceType, String> names = new IdentityHashMap<>();
    private final Set<ResourceType> hostResources = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** "unversioned iface#r/id" -> the versioned resource name the host object was made as. */
    private final Map<String, String> hostMadeAs = new HashMap<>();
    /** "iface#r/rep" -> ordinal, and ordinal - 1 -> rep, for guest resources the caller holds. */
    private final Map<String, Integer> guestOrdinals = new HashMap<>();
    private final List<Integer> guestReps = new ArrayList<>();

    /** Names {@code type} {@code iface#r}; the first name given to a type sticks. */
    void nameResource(ResourceType type, String qualifiedName, boolean host) {
        names.putIfAbsent(type, qualifiedName);
        if (host) {
            hostResources.add(type);
        }
    }

    JsonNode toJson(ValType type, Object value) {
        if (type instanceof Primitive p) {
            return primitiveToJson(p, value);
        }
        if (type instanceof ListType l) {
            ArrayNode a = JSON.arrayNode();
            if (value instanceof byte[] bytes) {
                for (byte b : bytes) {
                    a.add(b & 0xff);
                }
            } else {
                for (Object item : (List<?>) value) {
                    a.add(toJson(l.element(), item));
                }
            }
            return a;
        }
        if (type instanceof RecordType r) {
            ObjectNode o = JSON.objectNode();
            RecordValue v = (RecordValue) value;
            for (int i = 0; i < r.fields().size(); i++) {
                Field f = r.fields().get(i);
                o.set(f.name(), toJson(f.type(), v.get(i)));
            }
            return o;
        }
        if (type instanceof TupleType t) {
            ArrayNode a = JSON.arrayNode();
            List<?> items = (List<?>) value;
            for (int i = 0; i < t.types().size(); i++) {
                a.add(toJson(t.types().get(i), items.get(i)));
            }
            return a;
        }
        if (type instanceof VariantType v) {
            VariantValue vv = (VariantValue) value;
            Case c = v.cases().stream().filter(x -> x.name().equals(vv.label())).findFirst().orElseThrow();
            ObjectNode o = JSON.objectNode().put("tag", c.name());
            if (c.type() != null) {
                o.set("val", toJson(c.type(), vv.value()));
            }
            return o;
        }
        if (type instanceof EnumType) {
            return JSON.textNode((String) value);
        }
        if (type instanceof FlagsType f) {
            ArrayNode a = JSON.arrayNode();
            Set<?> set = (Set<?>) value;
            f.names().stream().filter(set::contains).forEach(a::add);
            return a;
        }
        if (type instanceof OptionType o) {
            Optional<?> opt = (Optional<?>) value;
            return opt.isEmpty() ? JSON.nullNode() : JSON.objectNode().set("some", toJson(o.type(), opt.get()));
        }
        if (type instanceof ResultType r) {
            boolean ok = value instanceof ResultValue.Ok;
            ValType payload = ok ? r.ok() : r.error();
            Object v = ((ResultValue) value).value();
            return JSON.objectNode().set(ok ? "ok" : "err", payload == null ? JSON.nullNode() : toJson(payload, v));
        }
        if (type instanceof OwnType o) {
            return resourceToJson(o.resource(), (Integer) value);
        }
        return resourceToJson(((BorrowType) type).resource(), (Integer) value);
    }

    Object toJava(ValType type, JsonNode json) {
        if (type instanceof Primitive p) {
            return primitiveToJava(p, json);
        }
        if (type instanceof ListType l) {
            if (l.element() == Primitive.U8) {
                byte[] bytes = new byte[json.size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) json.get(i).asInt();
                }
                return bytes;
            }
            List<Object> items = new ArrayList<>();
            json.forEach(item -> items.add(toJava(l.element(), item)));
            return items;
        }
        if (type instanceof RecordType r) {
            List<Object> fields = new ArrayList<>();
            for (Field f : r.fields()) {
                fields.add(toJava(f.type(), json.get(f.name())));
            }
            return new RecordValue(fields);
        }
        if (type instanceof TupleType t) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < t.types().size(); i++) {
                items.add(toJava(t.types().get(i), json.get(i)));
            }
            return items;
        }
        if (type instanceof VariantType v) {
            String tag = json.get("tag").asText();
            Case c = v.cases().stream().filter(x -> x.name().equals(tag)).findFirst()
                    .orElseThrow(() -> new AssertionError("no case " + tag + " in " + v));
            return new VariantValue(tag, c.type() == null ? null : toJava(c.type(), json.get("val")));
        }
        if (type instanceof EnumType) {
            return json.asText();
        }
        if (type instanceof FlagsType) {
            Set<String> set = new LinkedHashSet<>();
            json.forEach(f -> set.add(f.asText()));
            return set;
        }
        if (type instanceof OptionType o) {
            return json.isNull() ? Optional.empty() : Optional.of(toJava(o.type(), json.get("some")));
        }
        if (type instanceof ResultType r) {
            boolean ok = json.has("ok");
            ValType payload = ok ? r.ok() : r.error();
            Object v = payload == null ? null : toJava(payload, json.get(ok ? "ok" : "err"));
            return ok ? ResultValue.ok(v) : ResultValue.err(v);
        }
        if (type instanceof OwnType o) {
            int rep = resourceToJava(o.resource(), json);
            if (json.has("handle")) {
                released(json);
            }
            return rep;
        }
        return resourceToJava(((BorrowType) type).resource(), json);
    }

    /**
     * A fresh instance after a trap may hand out the reps of the discarded one again: those are
     * new objects for the caller, so earlier reps no longer name anything it holds.
     */
    void newInstance() {
        guestOrdinals.clear();
    }

    /** The caller gave its own handle away (moved into the guest or dropped): a rep seen again is a new object. */
    void released(JsonNode guestHandle) {
        guestOrdinals.values().remove(guestHandle.get("handle").asInt());
    }

    /** The rep behind a guest resource handle or host resource id given by the calls file. */
    int resourceToJava(ResourceType type, JsonNode json) {
        if (json.has("id")) {
            int id = json.get("id").asInt();
            hostMadeAs.putIfAbsent(unversioned(json.get("resource").asText()) + "/" + id, json.get("resource").asText());
            return id;
        }
        int ordinal = json.get("handle").asInt();
        if (ordinal < 1 || ordinal > guestReps.size()) {
            throw new AssertionError("calls file names guest handle " + ordinal + ", which the caller never received");
        }
        return guestReps.get(ordinal - 1);
    }

    private JsonNode resourceToJson(ResourceType type, int rep) {
        String name = names.get(type);
        if (name == null) {
            throw new AssertionError("resource type " + type + " is neither imported nor exported by name");
        }
        if (hostResources.contains(type)) {
            return JSON.objectNode().put("resource", hostMadeAs.getOrDefault(unversioned(name) + "/" + rep, name)).put("id", rep);
        }
        Integer ordinal = guestOrdinals.computeIfAbsent(name + "/" + rep, k -> {
            guestReps.add(rep);
            return guestReps.size();
        });
        return JSON.objectNode().put("resource", name).put("handle", ordinal);
    }

    /** The versioned resource name a host resource id was made as. */
    String hostResourceName(ResourceType type, int id) {
        String name = names.get(type);
        return hostMadeAs.getOrDefault(unversioned(name) + "/" + id, name);
    }

    private static String unversioned(String qualifiedResource) {
        int hash = qualifiedResource.lastIndexOf('#');
        String iface = qualifiedResource.substring(0, hash);
        int at = iface.lastIndexOf('@');
        return (at < 0 ? iface : iface.substring(0, at)) + qualifiedResource.substring(hash);
    }

    private static JsonNode primitiveToJson(Primitive p, Object value) {
        switch (p) {
            case BOOL:
                return JSON.booleanNode((Boolean) value);
            case S8: case U8: case S16: case U16: case S32:
                return JSON.numberNode((Integer) value);
            case U32:
                return JSON.numberNode((Long) value);
            case S64:
                return JSON.textNode(Long.toString((Long) value));
            case U64:
                return JSON.textNode(Long.toUnsignedString((Long) value));
            case F32:
                return floatToJson(((Float) value).doubleValue());
            case F64:
                return floatToJson((Double) value);
            case CHAR:
                return JSON.textNode(new String(Character.toChars((Integer) value)));
            default:
                return JSON.textNode((String) value);
        }
    }

    private static JsonNode floatToJson(double x) {
        if (Double.isNaN(x)) {
            return JSON.textNode("NaN");
        }
        if (Double.isInfinite(x)) {
            return JSON.textNode(x > 0 ? "Infinity" : "-Infinity");
        }
        if (x == 0 && 1 / x < 0) {
            return JSON.textNode("-0");
        }
        return JSON.numberNode(x);
    }

    private static Object primitiveToJava(Primitive p, JsonNode json) {
        switch (p) {
            case BOOL:
                return json.asBoolean();
            case S8: case U8: case S16: case U16: case S32:
                return json.asInt();
            case U32:
                return json.asLong();
            case S64:
                return Long.parseLong(json.asText());
            case U64:
                return Long.parseUnsignedLong(json.asText());
            case F32:
                return (float) floatToJava(json);
            case F64:
                return floatToJava(json);
            case CHAR: {
                String s = json.asText();
                if (s.codePointCount(0, s.length()) != 1) {
                    throw new AssertionError("not a char: " + json);
                }
                return s.codePointAt(0);
            }
            default:
                return json.asText();
        }
    }

    private static double floatToJava(JsonNode json) {
        if (json.isNumber()) {
            return json.asDouble();
        }
        switch (json.asText()) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            case "-0":
                return -0.0;
            default:
                throw new AssertionError("not a float: " + json);
        }
    }
}
