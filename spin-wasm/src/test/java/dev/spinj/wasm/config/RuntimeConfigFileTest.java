package dev.spinj.wasm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigFileTest {
    @TempDir
    Path dir;

    private RuntimeConfig read(String toml) throws Exception {
        Path file = dir.resolve("runtime-config.toml");
        Files.writeString(file, toml);
        return RuntimeConfigFile.read(file);
    }

    private String error(String toml) {
        return assertThrows(RuntimeConfigException.class, () -> read(toml)).getMessage();
    }

    @Test
    void pathsResolveAgainstTheFilesDirectory() throws Exception {
        RuntimeConfig config = read("""
                state_dir = "state"
                log_dir = "/var/log/app"
                [key_value_store.default]
                type = "spin"
                path = "kv.db"
                [key_value_store.cache]
                type = "redis"
                url = "redis://127.0.0.1:6379"
                [key_value_store.scratch]
                type = "spin"
                [sqlite_database.default]
                type = "spin"
                path = "data/db.sqlite"
                [[config_provider]]
                type = "env"
                prefix = "MYAPP"
                dotenv_path = "x.env"
                """);
        assertEquals(dir.resolve("state").toString(), config.stateDir());
        assertEquals(Path.of("/var/log/app"), config.logDir());
        assertEquals(new StoreConfig.Sqlite(dir.resolve("kv.db")), config.keyValueStores().get("default"));
        assertEquals(new StoreConfig.Redis("redis://127.0.0.1:6379"), config.keyValueStores().get("cache"));
        assertEquals(new StoreConfig.Sqlite(null), config.keyValueStores().get("scratch"));
        assertEquals(dir.resolve("data/db.sqlite"), config.sqliteDatabases().get("default"));
        assertEquals(List.of(new EnvProviderConfig("MYAPP", dir.resolve("x.env"))), config.envProviders());
    }

    @Test
    void llmComputeRemoteHttpNamesTheServerAndToken() throws Exception {
        RuntimeConfig config = read("""
                [llm_compute]
                type = "remote_http"
                url = "https://llm.example.com/v1"
                auth_token = "secret"
                """);
        assertEquals(new LlmComputeConfig.RemoteHttp(java.net.URI.create("https://llm.example.com/v1"), "secret"),
                config.llmCompute());
    }

    @Test
    void llmComputeIsLocalWhenAbsentOrSpin() throws Exception {
        assertEquals(new LlmComputeConfig.Local(), read("").llmCompute());
        assertEquals(new LlmComputeConfig.Local(), read("[llm_compute]\ntype = \"spin\"").llmCompute());
    }

    @Test
    void llmComputeRefusesWhatItCannotServe() {
        String prefix = "Invalid runtime config file " + dir.resolve("runtime-config.toml") + ": [llm_compute]: ";
        assertEquals(prefix + "missing field `auth_token`",
                error("[llm_compute]\ntype = \"remote_http\"\nurl = \"http://127.0.0.1:9\""));
        assertEquals(prefix + "url \"ftp://x\" must be an http:// or https:// URL",
                error("[llm_compute]\ntype = \"remote_http\"\nurl = \"ftp://x\"\nauth_token = \"t\""));
        assertEquals(prefix + "unsupported api_type \"open_ai\" (this runtime supports \"default\", Spin's cloud-gpu protocol)",
                error("[llm_compute]\ntype = \"remote_http\"\nurl = \"http://x\"\nauth_token = \"t\"\napi_type = \"open_ai\""));
        assertEquals(prefix + "unknown variant `gpu`, expected `spin` or `remote_http`", error("[llm_compute]\ntype = \"gpu\""));
    }

    @Test
    void emptyStateDirMeansNone() throws Exception {
        assertEquals("", read("state_dir = \"\"").stateDir());
        assertNull(read("").stateDir());
    }

    @Test
    void unknownTopLevelKeyIsAnErrorNamingTheFile() {
        assertEquals("Invalid runtime config file " + dir.resolve("runtime-config.toml") + ": unknown field `state_dri`,"
                + " expected one of `config_provider`, `key_value_store`, `llm_compute`, `log_dir`, `sqlite_database`,"
                + " `state_dir`", error("state_dri = \"x\""));
    }

    @Test
    void unknownProviderTypeIsAnError() {
        assertEquals("Invalid runtime config file " + dir.resolve("runtime-config.toml")
                + ": config_provider[0]: unsupported config provider type \"vault\" (this runtime supports \"env\")",
                error("[[config_provider]]\ntype = \"vault\"\nurl = \"http://127.0.0.1:8200\""));
    }

    @Test
    void unknownKeyInAStoreIsAnError() {
        assertEquals("Invalid runtime config file " + dir.resolve("runtime-config.toml")
                + ": [key_value_store.default]: unknown field `url`, expected one of `path`, `type`",
                error("[key_value_store.default]\ntype = \"spin\"\nurl = \"x\""));
    }

    @Test
    void unsupportedStoreTypeIsAnError() {
        assertEquals("Invalid runtime config file " + dir.resolve("runtime-config.toml")
                + ": [key_value_store.cosmos]: unsupported key-value store type \"azure_cosmos\" (this runtime supports"
                + " \"spin\" and \"redis\")", error("[key_value_store.cosmos]\ntype = \"azure_cosmos\""));
    }
}
