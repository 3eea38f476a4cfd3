package dev.spinj.wasm.config;

import dev.spinj.wasm.host.http.OutboundHttpSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * How a trigger process sets up the host side of an app, from its flags and environment.
 *
 * @param appDir the manifest's directory ({@code SPIN_LOCAL_APP_DIR}), home of {@code .env}; may be null
 * @param stateDir where the default store and database live; null keeps them in memory
 * @param runtimeConfig the {@code --runtime-config-file} contents
 * @param http outbound HTTP client limits
 * @param keyValueSeeds {@code --key-value KEY=VALUE} pairs for the default store
 * @param sqliteStatements {@code --sqlite} statements (or {@code @file}) for the default database
 */
public record HostSettings(
        Path appDir,
        Path stateDir,
        RuntimeConfig runtimeConfig,
        OutboundHttpSettings http,
        List<String> keyValueSeeds,
        List<String> sqliteStatements) {

    public HostSettings {
        keyValueSeeds = List.copyOf(keyValueSeeds);
        sqliteStatements = List.copyOf(sqliteStatements);
    }

    /** Everything in memory, no runtime config file, default HTTP limits. */
    public static HostSettings defaults() {
        return new HostSettings(null, null, RuntimeConfig.none(), OutboundHttpSettings.defaults(), List.of(), List.of());
    }

    public HostSettings withAppDir(Path dir) {
        return new HostSettings(dir, stateDir, runtimeConfig, http, keyValueSeeds, sqliteStatements);
    }

    public HostSettings withStateDir(Path dir) {
        return new HostSettings(appDir, dir, runtimeConfig, http, keyValueSeeds, sqliteStatements);
    }

    public HostSettings withRuntimeConfig(RuntimeConfig config) {
        return new HostSettings(appDir, stateDir, config, http, keyValueSeeds, sqliteStatements);
    }

    public HostSettings withHttp(OutboundHttpSettings settings) {
        return new HostSettings(appDir, stateDir, runtimeConfig, settings, keyValueSeeds, sqliteStatements);
    }

    public HostSettings withKeyValueSeeds(List<String> pairs) {
        return new HostSettings(appDir, stateDir, runtimeConfig, http, pairs, sqliteStatements);
    }

    public HostSettings withSqliteStatements(List<String> statements) {
        return new HostSettings(appDir, stateDir, runtimeConfig, http, keyValueSeeds, statements);
    }
}
