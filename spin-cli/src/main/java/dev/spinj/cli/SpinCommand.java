package dev.spinj.cli;

import java.util.Arrays;
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
    /** The hidden subcommand {@code spin up} runs each trigger child with. */
    static final String TRIGGER = "trigger";

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
        // A trigger child builds only its own command: the whole tree (up, build, registry, ...)
        // costs picocli a few hundred reflective look-ups on the path to the first request.
        boolean trigger = args.length > 0 && args[0].equals(TRIGGER);
        // before picocli builds the command: that alone takes a while
        if (trigger && args.length > 1 && args[1].equals("http")) {
            StartupPreload.forHttpTrigger();
        } else if (args.length > 0 && args[0].equals("up")) {
            StartupPreload.forUp();
        }
        CommandLine cli = trigger ? new CommandLine(new TriggerCommand()).setCommandName("spin " + TRIGGER)
                : new CommandLine(new SpinCommand());
        String[] commandArgs = trigger ? Arrays.copyOfRange(args, 1, args.length) : args;
        // Spin's "@file" arguments (--variable @vars.json, --sqlite @migration.sql) are values, not
        // picocli argument files to expand.
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReporter.report(e, System.err));
        return cli.execute(commandArgs);
    }
}
