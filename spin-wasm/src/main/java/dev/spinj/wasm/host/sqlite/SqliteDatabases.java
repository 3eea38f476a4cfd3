package dev.spinj.wasm.host.sqlite;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.RuntimeConfigException;
import dev.spinj.wasm.services.LabelRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's SQLite databases by label: {@code default} ({@code <state_dir>/sqlite_db.db}, or
 * memory) plus the runtime config's {@code [sqlite_database.<label>]} tables. Each opens on first
 * use and lives as long as the app.
 */
public final class SqliteDatabases implements AutoCloseable {
    public static final String DEFAULT = "default";
    static final String DEFAULT_FILE = "sqlite_db.db";
    /** Spin's connection table holds 256 per instance. */
    public static final int CONNECTIONS_PER_INSTANCE = 256;

    private final Map<String, Path> configs;
    private final Map<String, SqliteDatabase> open = new HashMap<>();

    private SqliteDatabases(Map<String, Path> configs) {
        this.configs = configs;
    }

    /** @param configured label to file, a null file meaning in memory */
    public static SqliteDatabases configure(Path stateDir, Map<String, Path> configured) {
        Map<String, Path> configs = new LinkedHashMap<>();
        configs.put(DEFAULT, stateDir == null ? null : stateDir.resolve(DEFAULT_FILE));
        configs.putAll(configured);
        return new SqliteDatabases(configs);
    }

    /** Fails startup when a component names a database nothing defines (SPEC 3.5). */
    public void checkDefined(LockedApp app) {
        for (LockedComponent component : app.components()) {
            for (String database : component.metadataList("databases")) {
                if (!configs.containsKey(database)) {
                    throw new RuntimeConfigException("Component " + component.id() + " uses database '" + database
                            + "' which is not defined. Define it in a [sqlite_database." + database
                            + "] table of the runtime config file");
                }
            }
        }
    }

    boolean defines(String label) {
        return configs.containsKey(label);
    }

    /**
     * The database {@code label} as {@code component} may use it: refused when the component
     * does not list the label ({@code sqlite_databases}), then when nothing defines it.
     */
    public SqliteDatabase databaseFor(LockedComponent component, String label) throws LabelRefusedException, SqliteException {
        LabelRefusedException.check(component, "databases", "SQLite database", label, defines(label));
        return database(label);
    }

    synchronized SqliteDatabase database(String label) throws SqliteException {
        SqliteDatabase database = open.get(label);
        if (database == null) {
            database = SqliteDatabase.open(label, configs.get(label));
            open.put(label, database);
        }
        return database;
    }

    /** {@code --sqlite <SQL>} or {@code --sqlite @file.sql}, run in order against {@code default}. */
    public void runStartupStatements(List<String> statements) {
        for (String statement : statements) {
            String sql = statement;
            if (statement.startsWith("@")) {
                try {
                    sql = Files.readString(Path.of(statement.substring(1)));
                } catch (IOException e) {
                    throw new RuntimeConfigException("--sqlite " + statement + ": cannot read the file: " + e.getMessage(), e);
                }
            }
            try {
                database(DEFAULT).executeScript(sql);
            } catch (SqliteException e) {
                throw new RuntimeConfigException("--sqlite " + statement + ": " + e.getMessage(), e);
            }
        }
    }

    /** The SPEC 6 startup line about the default database. */
    public String defaultDatabaseSummary() {
        Path file = configs.get(DEFAULT);
        return file == null
                ? "Using in-memory default SQLite database; data will not be saved!"
                : "Storing default SQLite data to \"" + file + "\"";
    }

    @Override
    public synchronized void close() {
        open.values().forEach(SqliteDatabase::close);
        open.clear();
    }
}
