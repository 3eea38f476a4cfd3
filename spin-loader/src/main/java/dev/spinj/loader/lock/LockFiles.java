package dev.spinj.loader.lock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes lock JSON deterministically (map keys sorted, as Spin's BTreeMaps are). */
public final class LockFiles {
    private static final ObjectMapper JSON = SpinJson.MAPPER.copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LockFiles() {}

    public static String toJson(LockedApp app) {
        return SpinJson.pretty(app) + "\n";
    }

    public static void write(LockedApp app, Path file) throws IOException {
        Files.writeString(file, toJson(app), StandardCharsets.UTF_8);
    }

    public static LockedApp fromJson(String json) throws IOException {
        LockedApp app = JSON.readValue(json, LockedApp.class);
        if (app.spinLockVersion() != 0 && app.spinLockVersion() != 1) {
            throw new IOException("unsupported spin_lock_version " + app.spinLockVersion());
        }
        HostRequirements.check(app, HostRequirements.SUPPORTED);
        return app;
    }

    public static LockedApp read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("Failed to read lock file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads one trigger's opaque config into the trigger's own record type. */
    public static <T> T triggerConfig(LockedTrigger trigger, Class<T> type) {
        try {
            return JSON.treeToValue(trigger.triggerConfig(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "invalid trigger_config for " + trigger.id() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Turns any value (a config record, a map) into the JSON tree stored as trigger_config. */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }
}
