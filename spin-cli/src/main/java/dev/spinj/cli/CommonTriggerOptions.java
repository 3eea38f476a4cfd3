package dev.spinj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every trigger accepts (SPEC 6), forwarded to it by {@code spin up}. */
final class CommonTriggerOptions {
    @Option(names = {"-L", "--log-dir"}, paramLabel = "<APP_LOG_DIR>",
            description = "Log directory for the stdout and stderr of components.")
    Path logDir;

    @Option(names = "--truncate-logs", description = "Truncate existing log files before starting the application.")
    boolean truncateLogs;

    @Option(names = "--variable", paramLabel = "<VARIABLES>",
            description = "Set an application variable (<key>=<value>), from a file (<key>=@<file>) or from a JSON or "
                    + "TOML file of them (@<file>.json, @<file>.toml). Overrides every other variable source.")
    List<String> variables = new ArrayList<>();

    @Option(names = "--follow", paramLabel = "<ID>",
            description = "Print output to stdout/stderr only for the given component(s).")
    List<String> follow = new ArrayList<>();

    @Option(names = {"-q", "--quiet", "--sh", "--shush"}, description = "Silence all component output to stdout/stderr.")
    boolean quiet;

    @Option(names = "--state-dir", paramLabel = "<STATE_DIR>",
            description = "Set the application state directory path (default: .spin beside the manifest; \"\" for none).")
    String stateDir;

    @Option(names = "--runtime-config-file", paramLabel = "<RUNTIME_CONFIG_FILE>",
            description = "Configuration file for config providers and wasmtime config.")
    Path runtimeConfigFile;

    @Option(names = "--key-value", paramLabel = "<KEY_VALUES>",
            description = "Set a key/value pair (key=value) in the application's default store.")
    List<String> keyValues = new ArrayList<>();

    @Option(names = "--sqlite", paramLabel = "<SQLITE_STATEMENTS>",
            description = "Run a SQLite statement such as a migration against the default database (@file for a file).")
    List<String> sqliteStatements = new ArrayList<>();

    @Option(names = "--allow-transient-write", description = "Allow components to write to their mounted files (changes are not persisted).")
    boolean allowTransientWrite;

    @Option(names = "--disable-cache",
            description = "Do not keep compiled modules in <state dir>/cache between runs (every start compiles again).")
    boolean disableCache;

    // SpinKube's operator sets SPIN_MAX_INSTANCE_MEMORY (bytes) from a SpinApp's invocationLimits.memory.
    @Option(names = "--max-instance-memory", paramLabel = "<SIZE>", converter = ByteSizeConverter.class,
            defaultValue = "${env:SPIN_MAX_INSTANCE_MEMORY:-256MiB}",
            description = "The most linear memory one guest instance may grow to; memory.grow past it fails "
                    + "(env: SPIN_MAX_INSTANCE_MEMORY; default: 256MiB).")
    long maxInstanceMemory;

    @Option(names = "--cache", paramLabel = "<WASMTIME_CACHE_FILE>", description = "Cache configuration file (accepted for Spin compatibility, ignored).")
    Path cacheFile;

    @Option(names = "--disable-pooling", description = "Disable the instance pooling allocator (accepted for Spin compatibility, ignored).")
    boolean disablePooling;
}
