package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fully resolved Spin application: Spin's {@code LockedApp}, the only thing a trigger knows
 * about an app. Field names and shape follow Spin's {@code spin.lock} JSON.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LockedApp(
        @JsonProperty("spin_lock_version") int spinLockVersion,
        @JsonProperty("must_understand") List<String> mustUnderstand,
        Map<String, Object> metadata,
        @JsonProperty("host_requirements") Map<String, Object> hostRequirements,
        Map<String, LockedVariable> variables,
        List<LockedTrigger> triggers,
        List<LockedComponent> components) {

    public LockedApp {
        mustUnderstand = mustUnderstand == null ? List.of() : List.copyOf(mustUnderstand);
        metadata = metadata == null ? Map.of() : metadata;
        hostRequirements = hostRequirements == null ? Map.of() : hostRequirements;
        variables = variables == null ? Map.of() : variables;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        components = components == null ? List.of() : List.copyOf(components);
    }

    /** An app that requires no host features (lock version 0 or 1 without requirements). */
    public LockedApp(int spinLockVersion, Map<String, Object> metadata, Map<String, LockedVariable> variables,
            List<LockedTrigger> triggers, List<LockedComponent> components) {
        this(spinLockVersion, List.of(), metadata, Map.of(), variables, triggers, components);
    }

    /** The app's {@code name} metadata, or an empty string. */
    public String name() {
        return metadata.get("name") instanceof String s ? s : "";
    }

    /** The app's {@code version} metadata, or an empty string. */
    public String version() {
        return metadata.get("version") instanceof String s ? s : "";
    }

    /**
     * An app-level setting of one trigger type, e.g. {@code ("http", "base")} or
     * {@code ("redis", "address")}. Spin 1 locks keep it under {@code trigger} (one trigger type
     * per app); Spin 2 locks under {@code triggers.<type>}.
     */
    public Optional<Object> triggerSetting(String triggerType, String key) {
        if (metadata.get("triggers") instanceof Map<?, ?> byType
                && byType.get(triggerType) instanceof Map<?, ?> settings
                && settings.get(key) != null) {
            return Optional.of(settings.get(key));
        }
        if (metadata.get("trigger") instanceof Map<?, ?> settings
                && triggerType.equals(settings.get("type"))
                && settings.get(key) != null) {
            return Optional.of(settings.get(key));
        }
        return Optional.empty();
    }

    /** The triggers of one type, in lock order. */
    public List<LockedTrigger> triggersOfType(String triggerType) {
        return triggers.stream().filter(t -> t.triggerType().equals(triggerType)).toList();
    }

    /** The trigger types present, in first-seen order. */
    public List<String> triggerTypes() {
        return triggers.stream().map(LockedTrigger::triggerType).distinct().toList();
    }

    public Optional<LockedComponent> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
