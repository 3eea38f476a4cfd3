package dev.spinj.wasm.interfaces;

import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.host.HostServices;

/**
 * Spin's own component interfaces (SPEC2 §4) over the app's services, for a component linker:
 * the same stores, databases and variables the 1.x host imports reach (see the package
 * documentation for the list). Linked once per app; per-instance state (open stores,
 * connections) lives in each instance's {@link dev.spinj.wasm.host.HostContext}, so guest calls
 * must run inside one.
 */
public final class SpinInterfaces {
    private final KeyValueInterfaces keyValue;
    private final VariablesInterfaces variables;
    private final SqliteInterfaces sqlite;
    private final RdbmsInterfaces rdbms;
    private final RedisInterfaces redis;
    private final MqttInterfaces mqtt;
    private final LlmInterfaces llm;

    public SpinInterfaces(HostServices services) {
        this.keyValue = new KeyValueInterfaces(services.keyValueStores());
        this.variables = new VariablesInterfaces(services.variables());
        this.sqlite = new SqliteInterfaces(services.sqliteDatabases());
        this.rdbms = new RdbmsInterfaces(services.postgres(), services.mysql());
        this.redis = new RedisInterfaces(services.redis());
        this.mqtt = new MqttInterfaces(services.allowLists());
        this.llm = new LlmInterfaces(services.llm());
    }

    /** Registers every interface and version with {@code linker}; returns it. */
    public Linker addTo(Linker linker) {
        keyValue.addTo(linker);
        variables.addTo(linker);
        sqlite.addTo(linker);
        rdbms.addTo(linker);
        redis.addTo(linker);
        mqtt.addTo(linker);
        llm.addTo(linker);
        return linker;
    }
}
