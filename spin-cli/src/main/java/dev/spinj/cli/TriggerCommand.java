package dev.spinj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spin trigger <type>}: hidden, spawned by {@code spin up}; runs one trigger of a locked app. */
@Command(name = "trigger", hidden = true, description = "Run a trigger of a locked app (spawned by `spin up`).",
        subcommands = {HttpTriggerCommand.class, RedisTriggerCommand.class})
final class TriggerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
