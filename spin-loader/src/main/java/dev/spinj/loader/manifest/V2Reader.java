package dev.spinj.loader.manifest;

import dev.spinj.loader.manifest.Manifest.AppInfo;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.Manifest.Profile;
import dev.spinj.loader.manifest.Manifest.Trigger;
import dev.spinj.loader.manifest.Manifest.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Spin 2 manifest ({@code spinframework/spin:crates/manifest/src/schema/v2.rs}) and
 * normalises it as Spin's {@code normalize.rs} does: triggers without an id get
 * {@code <component>-<type>-trigger} (or {@code <type>-trigger<N>}), and inline trigger
 * components become top-level components named {@code <trigger id>-component} (or
 * {@code inline-component<N>}).
 */
final class V2Reader {
    private static final Map<String, List<String>> TRIGGER_KEYS = Map.of(
            "http", List.of("id", "component", "static_response", "route", "executor"),
            "redis", List.of("id", "component", "channel", "address", "executor"));
    private static final Map<String, List<String>> APP_TRIGGER_KEYS = Map.of(
            "http", List.of("base"),
            "redis", List.of("address"));

    /** A trigger before normalisation: exactly one of componentRef / inline is set. */
    private record RawTrigger(String type, String id, String componentRef, TomlFields inline, TomlFields table,
            Map<String, Object> config) {
        RawTrigger withId(String newId) {
            return new RawTrigger(type, newId, componentRef, inline, table, config);
        }

        /** A 3.5+ HTTP trigger answering with a fixed response: it runs no component. */
        boolean staticResponse() {
            return componentRef == null && inline == null;
        }
    }

    private V2Reader() {}

    /** @param profile the {@code --profile} to apply, or null for the components' defaults */
    static Manifest read(TomlFields root, String profile) {
        root.denyUnknown(List.of("spin_manifest_version", "application", "variables", "trigger", "component"));
        TomlFields application = root.requiredTable("application");
        application.denyUnknown(List.of("name", "version", "description", "authors", "targets", "trigger", "tool"));
        Targets.check(application);
        TomlFields tools = application.optionalTable("tool");
        if (tools != null) {
            tools.keys().forEach(tools::requiredTable);
        }
        AppInfo app = new AppInfo(
                application.requiredString("name"),
                application.optionalString("version"),
                application.optionalString("description"),
                application.stringList("authors"));

        Map<String, Component> components = new LinkedHashMap<>();
        boolean profileDefined = false;
        TomlFields componentTables = root.optionalTable("component");
        if (componentTables != null) {
            for (String id : componentTables.keys()) {
                Identifiers.kebabProblem(id).ifPresent(p -> {
                    throw componentTables.error(id, p);
                });
                TomlFields table = componentTables.requiredTable(id);
                Component component = ComponentReader.read(id, table, 2);
                Profile override = ComponentReader.profiles(table).get(profile);
                if (override != null) {
                    profileDefined = true;
                    component = component.withProfile(override);
                }
                components.put(id, component);
            }
        }
        if (profile != null && !profileDefined) {
            throw new InvalidManifestException("Profile " + profile + " is not defined in this application");
        }

        List<Trigger> triggers = new ArrayList<>();
        int inlineCounter = 1;
        for (RawTrigger raw : withIds(rawTriggers(root))) {
            String componentId = raw.componentRef();
            if (raw.type().equals("http")) {
                StaticResponses.requireComponentOrResponse(raw.table(), raw.id());
            }
            if (raw.staticResponse()) {
                triggers.add(new Trigger(raw.type(), raw.id(), null, raw.config()));
                continue;
            }
            if (raw.inline() != null) {
                componentId = raw.id() + "-component";
                if (Identifiers.kebabProblem(componentId).isPresent() || components.containsKey(componentId)) {
                    while (components.containsKey("inline-component" + inlineCounter)) {
                        inlineCounter++;
                    }
                    componentId = "inline-component" + inlineCounter;
                }
                components.put(componentId, ComponentReader.read(componentId, raw.inline(), 2));
            } else if (!components.containsKey(componentId)) {
                throw raw.table().error("component", "unknown component `" + componentId + "`");
            }
            triggers.add(new Trigger(raw.type(), raw.id(), componentId, raw.config()));
        }
        return new Manifest(2, app, variables(root), appTriggerSettings(application), triggers,
                new ArrayList<>(components.values()));
    }

    private static List<RawTrigger> rawTriggers(TomlFields root) {
        List<RawTrigger> triggers = new ArrayList<>();
        TomlFields byType = root.optionalTable("trigger");
        if (byType == null) {
            return triggers;
        }
        for (String type : byType.keys()) {
            for (TomlFields table : byType.tableArray(type)) {
                if (TRIGGER_KEYS.containsKey(type)) {
                    table.denyUnknown(TRIGGER_KEYS.get(type));
                }
                if (type.equals("http")) {
                    requireRoute(table);
                } else if (type.equals("redis")) {
                    table.requiredString("channel");
                    table.optionalString("address");
                }
                Map<String, Object> config = table.plain();
                config.remove("id");
                config.remove("component");
                String componentRef = null;
                TomlFields inline = null;
                if (table.raw("component") instanceof String ref) {
                    Identifiers.kebabProblem(ref).ifPresent(p -> {
                        throw table.error("component", p);
                    });
                    componentRef = ref;
                } else if (table.has("component") || !type.equals("http")) {
                    inline = table.requiredTable("component");
                }
                triggers.add(new RawTrigger(type, table.optionalString("id"), componentRef, inline, table, config));
            }
        }
        return triggers;
    }

    /** A route is a string, or (Spin 2.5+) {@code { private = true }}. */
    private static void requireRoute(TomlFields table) {
        if (!table.has("route")) {
            throw table.missing("route");
        }
        if (!(table.raw("route") instanceof String)) {
            TomlFields route = table.optionalTable("route");
            route.denyUnknown(List.of("private"));
            if (!route.optionalBoolean("private")) {
                Object named = table.has("id") ? table.raw("id") : table.raw("component");
                throw table.error("route", "route must be a string pattern or '{ private = true }': '"
                        + (named instanceof String s ? s : "") + "' has { private = false }");
            }
        }
    }

    private static List<RawTrigger> withIds(List<RawTrigger> triggers) {
        Set<String> taken = new HashSet<>();
        triggers.stream().map(RawTrigger::id).filter(id -> id != null).forEach(taken::add);
        Map<String, Integer> counters = new LinkedHashMap<>();
        List<RawTrigger> named = new ArrayList<>();
        for (RawTrigger trigger : triggers) {
            if (trigger.id() != null) {
                named.add(trigger);
                continue;
            }
            String natural = trigger.componentRef() + "-" + trigger.type() + "-trigger";
            if (trigger.componentRef() != null && taken.add(natural)) {
                named.add(trigger.withId(natural));
                continue;
            }
            int counter = counters.getOrDefault(trigger.type(), 1);
            while (taken.contains(trigger.type() + "-trigger" + counter)) {
                counter++;
            }
            counters.put(trigger.type(), counter);
            String id = trigger.type() + "-trigger" + counter;
            taken.add(id);
            named.add(trigger.withId(id));
        }
        return named;
    }

    private static Map<String, Map<String, Object>> appTriggerSettings(TomlFields application) {
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        TomlFields byType = application.optionalTable("trigger");
        if (byType == null) {
            return settings;
        }
        for (String type : byType.keys()) {
            TomlFields table = byType.requiredTable(type);
            if (APP_TRIGGER_KEYS.containsKey(type)) {
                table.denyUnknown(APP_TRIGGER_KEYS.get(type));
                APP_TRIGGER_KEYS.get(type).forEach(table::optionalString);
            }
            settings.put(type, table.plain());
        }
        return settings;
    }

    private static Map<String, Variable> variables(TomlFields root) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        TomlFields table = root.optionalTable("variables");
        if (table == null) {
            return variables;
        }
        for (String name : table.keys()) {
            Identifiers.lowerSnakeProblem(name).ifPresent(p -> {
                throw table.error(name, p);
            });
            TomlFields definition = table.requiredTable(name);
            definition.denyUnknown(List.of("required", "default", "secret", "description"));
            String defaultValue = definition.optionalString("default");
            boolean required = definition.optionalBoolean("required");
            if (required == (defaultValue != null)) {
                throw table.error(name, "must be `required` OR have a `default`");
            }
            variables.put(name, new Variable(defaultValue, required, definition.optionalBoolean("secret"),
                    definition.optionalString("description")));
        }
        return variables;
    }
}
