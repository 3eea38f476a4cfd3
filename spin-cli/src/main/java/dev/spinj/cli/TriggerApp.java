package dev.spinj.cli;

import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.RuntimeConfigException;
import dev.spinj.wasm.config.RuntimeConfigFile;
import dev.spinj.wasm.stdio.ComponentLogs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every trigger process sets up from its environment before serving: the lock from
 * {@code SPIN_LOCKED_URL}, the state and log directories, component log streams, the wasm app.
 */
final class TriggerApp implements AutoCloseable {
    static final String WORKING_DIR = "SPIN_WORKING_DIR";
    static final String LOCKED_URL = "SPIN_LOCKED_URL";
    static final String LOCAL_APP_DIR = "SPIN_LOCAL_APP_DIR";
    static final String RUNTIME_CONFIG_FILE = "RUNTIME_CONFIG_FILE";

    final LockedApp app;
    final Path workingDir;
    final Path stateDir;
    final ComponentLogs logs;
    final WasmApp wasm;

    private TriggerApp(LockedApp app, Path workingDir, Path stateDir, ComponentLogs logs, WasmApp wasm) {
        this.app = app;
        this.workingDir = workingDir;
        this.stateDir = stateDir;
        this.logs = logs;
        this.wasm = wasm;
    }

    static TriggerApp fromEnvironment(Map<String, String> env, CommonTriggerOptions options, PrintStream out)
            throws CliException {
        Path workingDir = Path.of(require(env, WORKING_DIR));
        String lockedUrl = require(env, LOCKED_URL);
        LockedApp app;
        try {
            app = LockFiles.read(lockPath(lockedUrl));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("Failed to load the locked app from " + lockedUrl, e);
        }
        RuntimeConfig runtimeConfig = runtimeConfig(options.runtimeConfigFile, env.get(RUNTIME_CONFIG_FILE));
        Path stateDir = stateDir(options.stateDir != null ? options.stateDir : runtimeConfig.stateDir(), env.get(LOCAL_APP_DIR));
        Path logDir = options.logDir != null ? options.logDir
                : runtimeConfig.logDir() != null ? runtimeConfig.logDir()
                : stateDir == null ? null : stateDir.resolve("logs");
        checkFollow(app, options.follow, options.quiet);
        if (logDir != null && options.truncateLogs) {
            truncateLogs(logDir);
        }
        if (logDir != null) {
            out.println("Logging component stdio to \"" + logDir.toAbsolutePath() + "/\"");
        }
        ComponentLogs logs = new ComponentLogs(logDir, options.quiet, Set.copyOf(options.follow), System.out, System.err);
        String appDir = env.get(LOCAL_APP_DIR);
        HostSettings hostSettings = HostSettings.defaults()
                .withAppDir(appDir == null ? null : Path.of(appDir))
                .withStateDir(stateDir)
                .withRuntimeConfig(runtimeConfig)
                .withKeyValueSeeds(options.keyValues)
                .withSqliteStatements(options.sqliteStatements);
        WasmApp wasm;
        try {
            wasm = WasmApp.builder(app)
                    .withProcessEnv(withVariables(env, options.variables, app))
                    .withWritableMounts(options.allowTransientWrite)
                    .withHostSettings(hostSettings)
                    .withMaxInstanceMemory(options.maxInstanceMemory)
                    .withCompileCache(options.disableCache || stateDir == null ? null : stateDir.resolve("cache"))
                    .build();
        } catch (RuntimeConfigException e) {
            throw new CliException(e.getMessage());
        }
        wasm.startupSummary().forEach(out::println);
        return new TriggerApp(app, workingDir, stateDir, logs, wasm);
    }

    /**
     * {@code --variable} values go first among the variable providers (SPEC2 6.7), i.e. ahead of
     * the environment provider: given to it as if set in the environment.
     */
    private static Map<String, String> withVariables(Map<String, String> env, List<String> flags, LockedApp app)
            throws CliException {
        if (flags.isEmpty()) {
            return env;
        }
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(VariableFlags.asEnvironment(VariableFlags.parse(flags), app.metadata().containsKey("triggers")));
        return merged;
    }

    /** {@code --truncate-logs}: empty each component's log files from earlier runs. */
    private static void truncateLogs(Path logDir) throws CliException {
        if (!java.nio.file.Files.isDirectory(logDir)) {
            return;
        }
        try (var files = java.nio.file.Files.list(logDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("_stdout.txt") || name.endsWith("_stderr.txt")) {
                    java.nio.file.Files.write(file, new byte[0]);
                }
            }
        } catch (IOException e) {
            throw new CliException("Failed to truncate the log files in " + logDir, e);
        }
    }

    /** {@code --runtime-config-file}, else {@code RUNTIME_CONFIG_FILE}, else no file. */
    private static RuntimeConfig runtimeConfig(Path flag, String env) throws CliException {
        Path file = flag != null ? flag : env == null || env.isEmpty() ? null : Path.of(env);
        if (file == null) {
            return RuntimeConfig.none();
        }
        try {
            return RuntimeConfigFile.read(file);
        } catch (RuntimeConfigException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static String require(Map<String, String> env, String name) throws CliException {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new CliException(name, new CliException("environment variable not found"));
        }
        return value;
    }

    private static Path lockPath(String url) {
        if (url.startsWith("file:")) {
            return Path.of(URI.create(url));
        }
        throw new IllegalArgumentException("unsupported lock URL " + url + " (only file: URLs)");
    }

    /**
     * {@code --state-dir}, else the runtime config's {@code state_dir} ({@code ""} means none in
     * both); else {@code .spin} beside a local app's manifest.
     */
    private static Path stateDir(String flag, String localAppDir) {
        if (flag != null) {
            return flag.isEmpty() ? null : Path.of(flag).toAbsolutePath();
        }
        return localAppDir == null ? null : Path.of(localAppDir).resolve(".spin");
    }

    private static void checkFollow(LockedApp app, List<String> follow, boolean quiet) throws CliException {
        if (quiet && !follow.isEmpty()) {
            throw new CliException("--quiet cannot be used with --follow");
        }
        Set<String> known = new HashSet<>();
        app.components().forEach(c -> known.add(c.id()));
        for (String id : follow) {
            if (!known.contains(id)) {
                throw new CliException("The following component(s) specified in --follow do not exist in the application: "
                        + id + "\nThe following are the components in the application: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** Releases what the app's guests used: host connections, then the log files. */
    @Override
    public void close() throws java.io.IOException {
        wasm.close();
        logs.close();
    }
}
