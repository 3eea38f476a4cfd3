package dev.spinj.wasm.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of a {@code --runtime-config-file} (SPEC 10), paths already resolved against the
 * file's directory.
 *
 * @param stateDir null when the file does not set it, {@code ""} for "no state dir", else an
 *     absolute path
 * @param logDir null when not set
 * @param keyValueStores {@code [key_value_store.<label>]} tables
 * @param sqliteDatabases {@code [sqlite_database.<label>]} tables; a null path means in memory
 * @param envProviders {@code [[config_provider]] type = "env"}, in file order
 * @param llmCompute {@code [llm_compute]}; {@link LlmComputeConfig.Local} when absent
 */
public record RuntimeConfig(
        String stateDir,
        Path logDir,
        Map<String, StoreConfig> keyValueStores,
        Map<String, Path> sqliteDatabases,
        List<EnvProviderConfig> envProviders,
        LlmComputeConfig llmCompute) {

    public RuntimeConfig {
        keyValueStores = Map.copyOf(keyValueStores);
        // Map.copyOf refuses null values, and a null path (in memory) is meaningful here.
        sqliteDatabases = Collections.unmodifiableMap(new LinkedHashMap<>(sqliteDatabases));
        envProviders = List.copyOf(envProviders);
        llmCompute = llmCompute == null ? new LlmComputeConfig.Local() : llmCompute;
    }

    /** Without {@code [llm_compute]}. */
    public RuntimeConfig(String stateDir, Path logDir, Map<String, StoreConfig> keyValueStores,
            Map<String, Path> sqliteDatabases, List<EnvProviderConfig> envProviders) {
        this(stateDir, logDir, keyValueStores, sqliteDatabases, envProviders, new LlmComputeConfig.Local());
    }

    /** No file: every default applies. */
    public static RuntimeConfig none() {
        return new RuntimeConfig(null, null, Map.of(), Map.of(), List.of());
    }
}
