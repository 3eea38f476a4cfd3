package dev.spinj.loader.manifest;

import dev.spinj.loader.manifest.Manifest.AppInfo;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.Manifest.Trigger;
import dev.spinj.loader.manifest.Manifest.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Spin 1 manifest ({@code fermyon/spin@v1.5.1:crates/loader/src/local/config.rs}) into
 * the normalised {@link Manifest}: one app-wide trigger type, a {@code [component.trigger]} per
 * component (trigger id {@code trigger--<component>}, as Spin 1 locks name them).
 */
final class V1Compat {
    private static final List<String> TOP_KEYS = List.of(
            "spin_manifest_version", "spin_version", "name", "version", "description", "authors", "trigger",
            "namespace", "variables", "component");

    private V1Compat() {}

    static Manifest read(TomlFields root) {
        root.denyUnknown(TOP_KEYS);
        AppInfo app = new AppInfo(
                root.requiredString("name"),
                root.requiredString("version"),
                root.optionalString("description"),
                root.stringList("authors"));
        TomlFields appTrigger = root.requiredTable("trigger");
        String type = appTrigger.requiredString("type");
        Map<String, Object> settings = appTriggerSettings(type, appTrigger);
        Map<String, Variable> variables = variables(root);

        List<TomlFields> tables = root.tableArray("component");
        if (!root.has("component")) {
            throw root.missing("component");
        }
        List<Component> components = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TomlFields table : tables) {
            String id = table.requiredString("id");
            if (!ids.add(id)) {
                throw new InvalidManifestException("cannot have duplicate component IDs: " + id);
            }
            components.add(ComponentReader.read(id, table, 1));
            triggers.add(new Trigger(type, "trigger--" + id, id, componentTrigger(type, table.requiredTable("trigger"))));
        }
        return new Manifest(1, app, variables, Map.of(type, settings), triggers, components);
    }

    private static Map<String, Object> appTriggerSettings(String type, TomlFields trigger) {
        Map<String, Object> settings = new LinkedHashMap<>();
        switch (type) {
            case "http" -> {
                trigger.denyUnknown(List.of("type", "base"));
                // Spin 1 requires base, but real v1 apps omit it and mean "/".
                String base = trigger.optionalString("base");
                settings.put("base", base == null ? "/" : base);
            }
            case "redis" -> {
                trigger.denyUnknown(List.of("type", "address"));
                settings.put("address", trigger.requiredString("address"));
            }
            default -> {
                settings.putAll(trigger.plain());
                settings.remove("type");
            }
        }
        return settings;
    }

    private static Map<String, Object> componentTrigger(String type, TomlFields trigger) {
        Map<String, Object> config = new LinkedHashMap<>();
        switch (type) {
            case "http" -> {
                trigger.denyUnknown(List.of("route", "executor"));
                config.put("route", trigger.requiredString("route"));
                config.put("executor", httpExecutor(trigger.optionalTable("executor")));
            }
            case "redis" -> {
                trigger.denyUnknown(List.of("channel", "executor"));
                config.put("channel", trigger.requiredString("channel"));
                TomlFields executor = trigger.optionalTable("executor");
                if (executor != null) {
                    executor.denyUnknown(List.of("type"));
                    if (!"spin".equals(executor.requiredString("type"))) {
                        throw executor.error("type", "unknown variant `" + executor.optionalString("type") + "`, expected `spin`");
                    }
                }
            }
            default -> config.putAll(trigger.plain());
        }
        return config;
    }

    /** Spin 1 serialises the executor with its defaults filled in; absent stays JSON null. */
    private static Map<String, Object> httpExecutor(TomlFields executor) {
        if (executor == null) {
            return null;
        }
        String type = executor.requiredString("type");
        Map<String, Object> normalised = new LinkedHashMap<>();
        switch (type) {
            // "http" is the Spin 2 name of the same executor; v1 files written for Spin 2 use it.
            case "spin", "http" -> {
                executor.denyUnknown(List.of("type"));
                normalised.put("type", "spin");
            }
            case "wagi" -> {
                executor.denyUnknown(List.of("type", "entrypoint", "argv"));
                String entrypoint = executor.optionalString("entrypoint");
                String argv = executor.optionalString("argv");
                normalised.put("type", "wagi");
                normalised.put("entrypoint", entrypoint == null ? "_start" : entrypoint);
                normalised.put("argv", argv == null ? "${SCRIPT_NAME} ${ARGS}" : argv);
            }
            default -> throw executor.error("type", "unknown variant `" + type + "`, expected `spin` or `wagi`");
        }
        return normalised;
    }

    private static Map<String, Variable> variables(TomlFields root) {
        TomlFields table = root.optionalTable("variables");
        Map<String, Variable> variables = new LinkedHashMap<>();
        if (table == null) {
            return variables;
        }
        for (String name : table.keys()) {
            Identifiers.configKeyProblem(name).ifPresent(p -> {
                throw table.error(name, "Invalid variable name " + name + ": " + p
                        + ". Variable names and config keys may contain only lower-case letters, numbers, and underscores.");
            });
            TomlFields definition = table.requiredTable(name);
            definition.denyUnknown(List.of("required", "default", "secret"));
            String defaultValue = definition.optionalString("default");
            boolean required = definition.optionalBoolean("required");
            if (required == (defaultValue != null && !defaultValue.isEmpty())) {
                throw table.error(name,
                        "variable should either have `required` set to true OR have a non-empty default value");
            }
            variables.put(name, new Variable(defaultValue, required, definition.optionalBoolean("secret"), null));
        }
        return variables;
    }
}
