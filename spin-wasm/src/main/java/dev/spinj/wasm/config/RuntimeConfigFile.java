package dev.spinj.wasm.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads a {@code --runtime-config-file} (SPEC 10). Like Spin every table refuses unknown keys;
 * types Spin knows but this runtime does not implement (Vault, Azure Cosmos, libSQL) are refused
 * by name rather than silently ignored, so an app never runs against the wrong backend.
 */
public final class RuntimeConfigFile {
    private final Path file;
    private final Path dir;

    private RuntimeConfigFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.dir = this.file.getParent();
    }

    public static RuntimeConfig read(Path file) {
        return new RuntimeConfigFile(file).parse();
    }

    private RuntimeConfig parse() {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw error("cannot read the file: " + e.getMessage());
        }
        if (toml.hasErrors()) {
            throw error(toml.errors().get(0).toString());
        }
        allowOnly(toml, "", Set.of("state_dir", "log_dir", "config_provider", "key_value_store", "sqlite_database",
                "llm_compute"));
        String stateDir = optionalString(toml, "", "state_dir");
        if (stateDir != null && !stateDir.isEmpty()) {
            stateDir = resolve(stateDir).toString();
        }
        String logDir = optionalString(toml, "", "log_dir");
        return new RuntimeConfig(stateDir, logDir == null ? null : resolve(logDir), stores(toml), databases(toml),
                providers(toml), llmCompute(toml));
    }

    private Map<String, StoreConfig> stores(TomlTable toml) {
        Map<String, StoreConfig> stores = new LinkedHashMap<>();
        for (Map.Entry<String, TomlTable> store : labelledTables(toml, "key_value_store").entrySet()) {
            String where = "key_value_store." + store.getKey();
            TomlTable table = store.getValue();
            String type = requiredString(table, where, "type");
            switch (type) {
                case "spin" -> {
                    allowOnly(table, where, Set.of("type", "path"));
                    String path = optionalString(table, where, "path");
                    stores.put(store.getKey(), new StoreConfig.Sqlite(path == null ? null : resolve(path)));
                }
                case "redis" -> {
                    allowOnly(table, where, Set.of("type", "url"));
                    stores.put(store.getKey(), new StoreConfig.Redis(requiredString(table, where, "url")));
                }
                default -> throw error("[" + where + "]: unsupported key-value store type \"" + type
                        + "\" (this runtime supports \"spin\" and \"redis\")");
            }
        }
        return stores;
    }

    private Map<String, Path> databases(TomlTable toml) {
        Map<String, Path> databases = new LinkedHashMap<>();
        for (Map.Entry<String, TomlTable> db : labelledTables(toml, "sqlite_database").entrySet()) {
            String where = "sqlite_database." + db.getKey();
            TomlTable table = db.getValue();
            String type = requiredString(table, where, "type");
            if (!type.equals("spin")) {
                throw error("[" + where + "]: unsupported SQLite database type \"" + type
                        + "\" (this runtime supports \"spin\")");
            }
            allowOnly(table, where, Set.of("type", "path"));
            String path = optionalString(table, where, "path");
            databases.put(db.getKey(), path == null ? null : resolve(path));
        }
        return databases;
    }

    /** Spin's {@code LlmCompute}: {@code type = "spin"} or {@code "remote_http"} with {@code url} and {@code auth_token}. */
    private LlmComputeConfig llmCompute(TomlTable toml) {
        Object value = toml.get("llm_compute");
        if (value == null) {
            return new LlmComputeConfig.Local();
        }
        String where = "llm_compute";
        if (!(value instanceof TomlTable table)) {
            throw error("llm_compute must be a table ([llm_compute])");
        }
        String type = requiredString(table, where, "type");
        switch (type) {
            case "spin" -> {
                allowOnly(table, where, Set.of("type"));
                return new LlmComputeConfig.Local();
            }
            case "remote_http" -> {
                allowOnly(table, where, Set.of("type", "url", "auth_token", "api_type"));
                String apiType = optionalString(table, where, "api_type");
                if (apiType != null && !apiType.equals("default")) {
                    throw error("[" + where + "]: unsupported api_type \"" + apiType
                            + "\" (this runtime supports \"default\", Spin's cloud-gpu protocol)");
                }
                String url = requiredString(table, where, "url");
                URI uri;
                try {
                    uri = new URI(url);
                } catch (URISyntaxException e) {
                    throw error("[" + where + "]: invalid url \"" + url + "\": " + e.getReason());
                }
                if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                        || uri.getHost() == null) {
                    throw error("[" + where + "]: url \"" + url + "\" must be an http:// or https:// URL");
                }
                return new LlmComputeConfig.RemoteHttp(uri, requiredString(table, where, "auth_token"));
            }
            default -> throw error("[" + where + "]: unknown variant `" + type + "`, expected `spin` or `remote_http`");
        }
    }

    private List<EnvProviderConfig> providers(TomlTable toml) {
        Object value = toml.get("config_provider");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof TomlArray array) || (!array.isEmpty() && !(array.get(0) instanceof TomlTable))) {
            throw error("config_provider must be an array of tables ([[config_provider]])");
        }
        List<EnvProviderConfig> providers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "config_provider[" + i + "]";
            TomlTable table = array.getTable(i);
            String type = requiredString(table, where, "type");
            if (!type.equals("env")) {
                throw error(where + ": unsupported config provider type \"" + type + "\" (this runtime supports \"env\")");
            }
            allowOnly(table, where, Set.of("type", "prefix", "dotenv_path"));
            String prefix = optionalString(table, where, "prefix");
            String dotenv = optionalString(table, where, "dotenv_path");
            providers.add(new EnvProviderConfig(prefix == null ? "SPIN_CONFIG" : prefix,
                    dotenv == null ? null : resolve(dotenv)));
        }
        return providers;
    }

    private Map<String, TomlTable> labelledTables(TomlTable toml, String key) {
        Object value = toml.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof TomlTable byLabel)) {
            throw error(key + " must be a table of tables ([" + key + ".<label>])");
        }
        Map<String, TomlTable> tables = new LinkedHashMap<>();
        for (String label : byLabel.keySet()) {
            if (!(byLabel.get(List.of(label)) instanceof TomlTable table)) {
                throw error("[" + key + "." + label + "] must be a table");
            }
            tables.put(label, table);
        }
        return tables;
    }

    private void allowOnly(TomlTable table, String where, Set<String> known) {
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                throw error((where.isEmpty() ? "" : "[" + where + "]: ") + "unknown field `" + key + "`, expected one of "
                        + String.join(", ", known.stream().sorted().map(k -> "`" + k + "`").toList()));
            }
        }
    }

    private String requiredString(TomlTable table, String where, String key) {
        String value = optionalString(table, where, key);
        if (value == null) {
            throw error("[" + where + "]: missing field `" + key + "`");
        }
        return value;
    }

    private String optionalString(TomlTable table, String where, String key) {
        Object value = table.get(List.of(key));
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw error((where.isEmpty() ? "" : "[" + where + "]: ") + "`" + key + "` must be a string");
    }

    private Path resolve(String path) {
        return dir.resolve(path).normalize();
    }

    private RuntimeConfigException error(String problem) {
        return new RuntimeConfigException("Invalid runtime config file " + file + ": " + problem);
    }
}
