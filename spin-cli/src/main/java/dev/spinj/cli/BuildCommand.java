package dev.spinj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code spin build}: runs the components' build commands, then optionally {@code spin up}. */
@Command(name = "build", description = "Build the Spin application.")
final class BuildCommand implements Callable<Integer> {
    @Option(names = {"-f", "--from", "--file"}, paramLabel = "<APPLICATION>",
            description = "The application to build: a spin.toml file or a directory containing one (default: spin.toml).")
    String from;

    @Option(names = {"-c", "--component-id"}, paramLabel = "<ID>",
            description = "Build only this component (repeatable; default: all).")
    List<String> componentIds = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "<PROFILE>",
            description = "The build profile: components' [component.<id>.profile.<PROFILE>] build commands replace their"
                    + " defaults (default: none).")
    String profile;

    @Option(names = "--up", description = "Run the application after building it; remaining arguments go to `spin up`.")
    boolean up;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information.")
    boolean help;

    @Unmatched
    List<String> upArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path manifest = UpCommand.resolveManifest(from);
        if (!up && !upArgs.isEmpty()) {
            throw new CliException("Unexpected argument(s) " + String.join(" ", upArgs)
                    + "; arguments for `spin up` need `spin build --up`");
        }
        ComponentBuilder.forManifest(manifest, profile).build(componentIds, System.out);
        if (!up) {
            return 0;
        }
        List<String> args = new ArrayList<>(List.of("up", "-f", manifest.toString()));
        if (profile != null) {
            args.addAll(List.of("--profile", profile));
        }
        args.addAll(upArgs);
        return SpinCommand.execute(args.toArray(String[]::new));
    }
}
