package dev.spinj.wasm.host;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.host.http.AppLoopback;
import dev.spinj.wasm.host.http.AppOrigin;
import dev.spinj.wasm.host.http.OutboundHttpHost;
import dev.spinj.wasm.host.http.OutboundHttpSettings;
import dev.spinj.wasm.host.kv.KeyValueHost;
import dev.spinj.wasm.host.llm.LlmHost;
import dev.spinj.wasm.host.rdbms.RdbmsHost;
import dev.spinj.wasm.host.rdbms.RdbmsService;
import dev.spinj.wasm.host.redis.RedisService;
import dev.spinj.wasm.host.sqlite.SqliteDatabases;
import dev.spinj.wasm.host.sqlite.SqliteHost;
import dev.spinj.wasm.kv.KeyValueStores;
import dev.spinj.wasm.services.llm.LlmService;
import dev.spinj.wasm.variables.Variables;
import dev.spinj.wasm.wasi.http.WasiHttpHost;
import dev.spinj.wasm.wasi.p2.WasiStreams;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The app-wide state behind the host interfaces (variables, stores, databases, the outbound HTTP
 * client and connection pools), built and checked once before anything is served: an undefined
 * store or database, a bad allow-list or an unresolvable required variable fails here with a
 * {@link dev.spinj.wasm.config.RuntimeConfigException}.
 */
public final class HostServices implements AutoCloseable {
    private final LockedApp app;
    private final Variables variables;
    private final KeyValueStores stores;
    private final SqliteDatabases databases;
    private final AppOrigin origin = new AppOrigin();
    private final RdbmsService postgres;
    private final RdbmsService mysql;
    private final RedisService redis;
    private final AppAllowLists allowLists;
    private final OutboundHttpSettings httpSettings;
    private final LlmService llm;
    private final List<HostInterface> interfaces = new ArrayList<>();

    private HostServices(LockedApp app, Map<String, String> processEnv, HostSettings settings) {
        this.app = app;
        variables = Variables.forApp(app, processEnv, settings.appDir(), settings.runtimeConfig().envProviders());
        variables.check(app);
        stores = KeyValueStores.configure(settings.stateDir(), settings.runtimeConfig().keyValueStores());
        stores.checkDefined(app);
        databases = SqliteDatabases.configure(settings.stateDir(), settings.runtimeConfig().sqliteDatabases());
        databases.checkDefined(app);
        allowLists = AppAllowLists.forApp(app, variables);
        httpSettings = settings.http();
        interfaces.add(OutboundHttpHost.forApp(allowLists, settings.http(), origin));
        postgres = RdbmsService.postgres(allowLists);
        mysql = RdbmsService.mysql(allowLists);
        redis = RedisService.forApp(allowLists);
        interfaces.add(new KeyValueHost(stores));
        interfaces.add(new SqliteHost(databases));
        interfaces.add(new RdbmsHost(postgres));
        interfaces.add(new RdbmsHost(mysql));
        llm = LlmService.configure(settings.runtimeConfig().llmCompute());
        interfaces.add(new LlmHost(llm));
        stores.seedDefault(settings.keyValueSeeds());
        databases.runStartupStatements(settings.sqliteStatements());
    }

    /** A component's {@code wasi:http} host over its WASI 0.2 {@code streams}: the app's allow-lists, settings and origin. */
    public WasiHttpHost wasiHttp(WasiStreams streams) {
        return new WasiHttpHost(streams, allowLists, httpSettings, origin);
    }

    public static HostServices create(LockedApp app, Map<String, String> processEnv, HostSettings settings) {
        return new HostServices(app, processEnv, settings);
    }

    public Variables variables() {
        return variables;
    }

    /** The app's key-value stores by label, shared by every interface version. */
    public KeyValueStores keyValueStores() {
        return stores;
    }

    /** The app's SQLite databases by label, shared by every interface version. */
    public SqliteDatabases sqliteDatabases() {
        return databases;
    }

    /** PostgreSQL for every interface version, behind the app's allow-lists. */
    public RdbmsService postgres() {
        return postgres;
    }

    /** MySQL for every interface version, behind the app's allow-lists. */
    public RdbmsService mysql() {
        return mysql;
    }

    /** Outbound Redis for the component interfaces (the 1.x host still makes its own: {@code WasmApp}). */
    public RedisService redis() {
        return redis;
    }

    /** Every component's outbound allow-list, as every protocol checks it. */
    public AppAllowLists allowLists() {
        return allowLists;
    }

    /** The app's LLM engine behind the components' {@code ai_models}. */
    public LlmService llm() {
        return llm;
    }

    /** Outbound HTTP, key-value, SQLite, PostgreSQL, MySQL and LLM; config is built from {@link #variables()}. */
    public List<HostInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    /**
     * Where relative outbound URLs ({@code self}) go, once the trigger listens; requests to that
     * origin are served in-process by {@code loopback}.
     */
    public void announceOrigin(URI appOrigin, AppLoopback loopback) {
        origin.announce(appOrigin, loopback);
    }

    /** The SPEC 6 startup lines about the default store and database, for the components that use them. */
    public List<String> startupSummary() {
        List<String> lines = new ArrayList<>();
        if (anyComponentLists("key_value_stores") && stores.defaultStoreSummary() != null) {
            lines.add(stores.defaultStoreSummary());
        }
        if (anyComponentLists("databases")) {
            lines.add(databases.defaultDatabaseSummary());
        }
        return lines;
    }

    private boolean anyComponentLists(String metadataKey) {
        for (LockedComponent component : app.components()) {
            if (!component.metadataList(metadataKey).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        stores.close();
        databases.close();
        postgres.close();
        mysql.close();
        redis.close();
    }
}
