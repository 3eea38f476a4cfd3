package dev.spinj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spin}: the root command. */
@Command(
        name = "spin",
        mixinStandardHelpOptions = true,
        versionProvider = SpinVersion.class,
        description = "The Spin CLI, on the JVM: run Spin 1.x applications unchanged.",
        subcommands = {UpCommand.class, BuildCommand.class, WatchCommand.class, NewCommand.class, TemplatesCommand.class,
                RegistryCommand.class, TriggerCommand.class})
public final class SpinCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new SpinCommand());
        // Spin's "@file" arguments (--variable @vars.json, --sqlite @migration.sql) are values, not
        // picocli argument files to expand.
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReporter.report(e, System.err));
        return cli.execute(args);
    }
}
