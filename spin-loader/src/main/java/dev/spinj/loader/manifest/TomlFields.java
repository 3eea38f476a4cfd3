package dev.spinj.loader.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed, strict access to one TOML table, reporting problems the way Spin's serde/toml stack
 * words them ({@code missing field `x`}, {@code unknown field `y`, expected one of ...},
 * {@code invalid type: ...}) followed by the key path and the position in the file.
 */
final class TomlFields {
    private final TomlTable table;
    private final String path;
    private final TomlPosition position;

    private TomlFields(TomlTable table, String path, TomlPosition position) {
        this.table = table;
        this.path = path;
        this.position = position;
    }

    static TomlFields root(TomlTable table) {
        return new TomlFields(table, "", TomlPosition.positionAt(1, 1));
    }

    List<String> keys() {
        return new ArrayList<>(table.keySet());
    }

    boolean has(String key) {
        return table.contains(List.of(key));
    }

    /** The dotted key path of a field of this table, as used in messages. */
    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Spin's manifests deny unknown fields everywhere. */
    void denyUnknown(Collection<String> allowed) {
        for (String key : table.keySet()) {
            if (!allowed.contains(key)) {
                String expected = allowed.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "));
                throw error(key, "unknown field `" + key + "`, expected one of " + expected);
            }
        }
    }

    String requiredString(String key) {
        if (!has(key)) {
            throw missing(key);
        }
        return optionalString(key);
    }

    String optionalString(String key) {
        Object value = raw(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw invalidType(key, value, "a string");
    }

    boolean optionalBoolean(String key) {
        Object value = raw(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw invalidType(key, value, "a boolean");
    }

    /** A list of strings; empty when absent. */
    List<String> stringList(String key) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof String s)) {
                throw invalidType(key, item, "a string");
            }
            strings.add(s);
        }
        return strings;
    }

    /** The raw elements of an array; empty when absent. */
    List<Object> list(String key) {
        Object value = raw(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof TomlArray array) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                items.add(array.get(i));
            }
            return items;
        }
        throw invalidType(key, value, "a sequence");
    }

    /** A table of string values, in file order; empty when absent. */
    Map<String, String> stringMap(String key) {
        TomlFields nested = optionalTable(key);
        Map<String, String> values = new LinkedHashMap<>();
        if (nested != null) {
            for (String name : nested.keys()) {
                values.put(name, nested.requiredString(name));
            }
        }
        return values;
    }

    TomlFields requiredTable(String key) {
        if (!has(key)) {
            throw missing(key);
        }
        return optionalTable(key);
    }

    TomlFields optionalTable(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof TomlTable nested) {
            return new TomlFields(nested, keyPath(key), table.inputPositionOf(List.of(key)));
        }
        throw invalidType(key, value, "a table");
    }

    /** Wraps a table found as a value of {@code key} (e.g. an array element). */
    TomlFields nested(String key, Object value, TomlPosition at) {
        if (value instanceof TomlTable nested) {
            return new TomlFields(nested, keyPath(key), at);
        }
        throw invalidType(key, value, "a table");
    }

    /** An array of tables ({@code [[x]]}); empty when absent. */
    List<TomlFields> tableArray(String key) {
        Object value = raw(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof TomlArray array)) {
            throw invalidType(key, value, "a sequence");
        }
        List<TomlFields> tables = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            tables.add(nested(key, array.get(i), array.inputPositionOf(i)));
        }
        return tables;
    }

    /** Where {@code key} is defined, or where this table starts when it is absent. */
    TomlPosition position(String key) {
        return has(key) ? table.inputPositionOf(List.of(key)) : position;
    }

    Object raw(String key) {
        return table.get(List.of(key));
    }

    /** This whole table as plain Java values, for settings kept opaque. */
    Map<String, Object> plain() {
        return plainTable(table);
    }

    InvalidManifestException missing(String key) {
        String where = path.isEmpty() ? "" : " for key `" + path + "`";
        return new InvalidManifestException("missing field `" + key + "`" + where + at(position));
    }

    InvalidManifestException invalidType(String key, Object value, String expected) {
        return error(key, "invalid type: " + describe(value) + ", expected " + expected);
    }

    /** A problem with one field, located by key path and position. */
    InvalidManifestException error(String key, String message) {
        return new InvalidManifestException(message + " for key `" + keyPath(key) + "`" + at(position(key)));
    }

    static String at(TomlPosition position) {
        return position == null ? "" : " at line " + position.line() + " column " + position.column();
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (value instanceof Long || value instanceof Boolean || value instanceof Double) {
            String kind = value instanceof Long ? "integer" : value instanceof Boolean ? "boolean" : "floating point";
            return kind + " `" + value + "`";
        }
        if (value instanceof TomlArray) {
            return "sequence";
        }
        if (value instanceof TomlTable) {
            return "map";
        }
        return "date-time `" + value + "`";
    }

    static Object plainValue(Object value) {
        if (value instanceof TomlTable t) {
            return plainTable(t);
        }
        if (value instanceof TomlArray array) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                items.add(plainValue(array.get(i)));
            }
            return items;
        }
        // Dates and times have no JSON form; keep their TOML text.
        boolean scalar = value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean;
        return scalar ? value : value.toString();
    }

    private static Map<String, Object> plainTable(TomlTable t) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : t.keySet()) {
            map.put(key, plainValue(t.get(List.of(key))));
        }
        return map;
    }
}
