package dev.spinj.cli;

import dev.spinj.loader.AppLoadException;
import dev.spinj.loader.AppLoader;
import dev.spinj.loader.WasmFileApp;
import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.manifest.ManifestException;
import dev.spinj.loader.oci.ArtifactApp;
import dev.spinj.loader.oci.PulledArtifact;
import dev.spinj.loader.oci.Reference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import sun.misc.Signal;

/**
 * {@code spin up}: loads the manifest, writes {@code spin.lock} into the working directory and runs
 * each trigger type of the app as a child process, relaying SIGINT/SIGTERM and the exit code.
 */
@Command(name = "up", description = "Start the Spin application.")
final class UpCommand implements Callable<Integer> {
    static final String DEFAULT_MANIFEST = "spin.toml";
    static final String ALWAYS_BUILD_ENV = "SPIN_ALWAYS_BUILD";
    private static final Set<String> TRIGGER_TYPES = Set.of("http", "redis");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--from"}, paramLabel = "<APPLICATION>",
            description = "The application to run: a spin.toml file, a directory containing one, or a .wasm file served on /...; "
                    + "or a registry reference (<registry>/<repository>:<tag>), pulled first (default: spin.toml).")
    String from;

    @Option(names = {"--from-file", "--file"}, hidden = true, paramLabel = "<APP_MANIFEST_FILE>")
    String fromFile;

    @Option(names = "--temp", paramLabel = "<TMP>",
            description = "Temporary directory for the static assets of the components (default: a new temporary directory, removed on exit).")
    Path temp;

    @Option(names = "--direct-mounts", description = "For local apps with directory mounts and no excluded files, mount them directly instead of copying them.")
    boolean directMounts;

    @Option(names = {"-e", "--env"}, paramLabel = "<ENV>", description = "Pass an environment variable (key=value) to all components of the application.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-k", "--insecure"}, description = "Pull an application from a registry over plain HTTP.")
    boolean insecure;

    @Option(names = {"-h", "--help"}, description = "Print help information, including the trigger options.")
    boolean help;

    @Option(names = "--build", description = "For local apps, runs `spin build` before starting the application"
            + " (env: " + UpCommand.ALWAYS_BUILD_ENV + ").")
    boolean build;

    @Option(names = "--profile", paramLabel = "<PROFILE>",
            description = "The build profile to run the app with: components' [component.<id>.profile.<PROFILE>] settings"
                    + " replace their defaults (default: none).")
    String profile;

    @Option(names = {"-c", "--component-id"}, paramLabel = "<COMPONENT_ID>",
            description = "[Experimental] Component ID to run. This can be specified multiple times. The default is all components.")
    List<String> componentIds = new ArrayList<>();

    @Option(names = "--find-free-port", description = "If the listen port is in use, try the next ten ports and listen on"
            + " the first free one.")
    boolean findFreePort;

    @Option(names = "--trigger-jvm-options", paramLabel = "<OPTIONS>",
            description = "JVM options for the trigger processes, space-separated, e.g. \"-Xmx2g -XX:+UseG1GC\" (default: "
                    + "a serial-collected heap sized from the guests, --max-instance-memory and --max-concurrency).")
    String triggerJvmOptions;

    @Unmatched
    List<String> triggerArgs = new ArrayList<>();

    @Override
    public Integer call() throws CliException, ComponentBuildException, IOException, InterruptedException {
        if (help) {
            printHelp(System.out);
            return 0;
        }
        // Like Spin: an existing path is a file; otherwise something that looks like a reference is one.
        boolean fromRegistry = fromFile == null && from != null && !Files.exists(Path.of(from)) && Reference.isProbablyReference(from);
        Path manifest = fromRegistry ? null : resolveManifest(fromFile != null ? fromFile : from);
        String appName = fromRegistry ? from : manifest.toString();
        boolean alwaysBuild = build || isTruthy(System.getenv(ALWAYS_BUILD_ENV));
        if (alwaysBuild && manifest != null && !WasmFileApp.isWasmFile(manifest)) { // a bare module has nothing to build
            ComponentBuilder.forManifest(manifest, profile).build(List.of(), System.out);
        }
        Map<String, String> extraEnv = parseEnv(env);
        boolean ownsWorkingDir = temp == null;
        Path workingDir = ownsWorkingDir ? Files.createTempDirectory("spinup-") : Files.createDirectories(temp).toAbsolutePath();
        try {
            LockedApp app;
            try {
                app = fromRegistry ? registryApp(workingDir, extraEnv)
                        : WasmFileApp.isWasmFile(manifest) ? WasmFileApp.lock(manifest, extraEnv)
                        : AppLoader.load(manifest, workingDir,
                                new AppLoader.Options(directMounts, extraEnv).withProfile(profile));
            } catch (ManifestException | AppLoadException e) {
                throw new CliException(e.getMessage(), e.getCause());
            }
            app = ComponentSelection.retain(app, componentIds);
            List<String> types = app.triggerTypes();
            for (String type : types) {
                if (!TRIGGER_TYPES.contains(type)) {
                    throw new CliException("Unsupported trigger type '" + type + "' in " + appName
                            + " (supported: " + String.join(", ", TRIGGER_TYPES) + ")");
                }
            }
            if (types.isEmpty()) {
                throw new CliException("The application in " + appName + " has no triggers: nothing to run");
            }
            Path lockFile = workingDir.resolve("spin.lock");
            LockFiles.write(app, lockFile);
            Map<String, List<String>> argsByType = new LinkedHashMap<>();
            for (String type : types) {
                argsByType.put(type, type.equals("http") ? httpTriggerArgs() : triggerArgs);
            }
            return runTriggers(argsByType, workingDir, lockFile, manifest == null ? null : manifest.getParent(), app);
        } finally {
            if (ownsWorkingDir) {
                deleteRecursively(workingDir);
            }
        }
    }

    /**
     * The HTTP trigger's flags with the listen address settled here: {@code SPIN_HTTP_LISTEN_ADDR}
     * when no {@code --listen} is given, and a free port when {@code --find-free-port} asks for one.
     */
    private List<String> httpTriggerArgs() throws CliException {
        String given = ListenAddressChoice.fromFlags(triggerArgs);
        String requested = given != null ? given : ListenAddressChoice.fromEnvironment();
        String chosen = ListenAddressChoice.choose(requested, findFreePort);
        if (given != null && chosen.equals(given)) {
            return triggerArgs;
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < triggerArgs.size(); i++) {
            String arg = triggerArgs.get(i);
            if (arg.equals("--listen")) {
                i++;
            } else if (!arg.startsWith("--listen=")) {
                args.add(arg);
            }
        }
        args.add("--listen");
        args.add(chosen);
        return args;
    }

    /** clap's reading of a boolean flag's environment variable: anything but a false-like value is true. */
    static boolean isTruthy(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return !Set.of("0", "false", "f", "no", "n", "off").contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    /** Pulls (or finds in the cache) the app {@code from} names, with its files under the working directory. */
    private LockedApp registryApp(Path workingDir, Map<String, String> extraEnv) throws CliException {
        PulledArtifact pulled = RegistryAccess.pull(from, insecure);
        try {
            return ArtifactApp.resolve(pulled, workingDir, extraEnv);
        } catch (IOException e) {
            throw new CliException("Failed to load " + from, e);
        }
    }

    private int runTriggers(Map<String, List<String>> argsByType, Path workingDir, Path lockFile, Path appDir, LockedApp app)
            throws IOException, InterruptedException {
        List<String> jvmOptions = triggerJvmOptions == null || triggerJvmOptions.isBlank()
                ? List.of() : List.of(triggerJvmOptions.trim().split("\\s+"));
        List<TriggerProcess> children = new ArrayList<>();
        for (Map.Entry<String, List<String>> trigger : argsByType.entrySet()) {
            children.add(TriggerProcess.start(trigger.getKey(), trigger.getValue(), workingDir, lockFile, appDir, app, jvmOptions));
        }
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> children.forEach(TriggerProcess::terminate));
        }
        // the app stops when any trigger stops; its siblings are asked to stop too
        CompletableFuture<?>[] exits = children.stream().map(c -> c.handle().onExit()).toArray(CompletableFuture[]::new);
        CompletableFuture.anyOf(exits).join();
        children.forEach(TriggerProcess::terminate);
        int code = 0;
        for (TriggerProcess child : children) {
            int exit = child.waitFor();
            if (code == 0 && exit != 0) {
                code = exit;
            }
        }
        return code;
    }

    static Path resolveManifest(String from) throws CliException {
        if (from == null) {
            Path file = Path.of(DEFAULT_MANIFEST).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new CliException("Default file '" + DEFAULT_MANIFEST + "' not found. Run `spin up --from <APPLICATION>`, "
                        + "or `spin up --help` for usage.");
            }
            return file;
        }
        Path path = Path.of(from).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            Path file = path.resolve(DEFAULT_MANIFEST);
            if (!Files.isRegularFile(file)) {
                throw new CliException("Directory '" + from + "' does not contain a '" + DEFAULT_MANIFEST + "' file. Run "
                        + "`spin up --from <APPLICATION>` with a manifest file or a directory containing one.");
            }
            return file;
        }
        if (!Files.exists(path)) {
            throw new CliException("File or directory '" + from + "' not found. Run `spin up --from <APPLICATION>` "
                    + "with a spin.toml file, a directory containing one, or a .wasm file.");
        }
        return path;
    }

    static Map<String, String> parseEnv(List<String> pairs) throws CliException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliException("Invalid value '" + pair + "' for '--env <ENV>'",
                        new CliException("Environment variable must be of the form `key=value`"));
            }
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }

    private void printHelp(PrintStream out) {
        spec.commandLine().usage(out);
        CommandLine trigger = new CommandLine(new HttpTriggerCommand());
        out.println();
        out.println("Trigger options (passed through to `spin trigger http`):");
        out.print(trigger.getHelp().optionList());
        out.flush();
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("warning: could not remove temporary directory " + dir + ": " + e.getMessage());
        }
    }
}
