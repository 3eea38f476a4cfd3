package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One trigger of the app ({@code trigger--<component>}). Its {@code trigger_config} stays opaque
 * JSON here: each trigger reads it into its own typed record.
 */
public record LockedTrigger(
        String id,
        @JsonProperty("trigger_type") String triggerType,
        @JsonProperty("trigger_config") JsonNode triggerConfig) {}
