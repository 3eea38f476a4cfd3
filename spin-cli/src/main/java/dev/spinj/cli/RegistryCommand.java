package dev.spinj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spin registry}: push, pull and log in to OCI registries. */
@Command(name = "registry", description = "Commands for working with OCI registries.",
        subcommands = {RegistryPushCommand.class, RegistryPullCommand.class, RegistryLoginCommand.class})
final class RegistryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
