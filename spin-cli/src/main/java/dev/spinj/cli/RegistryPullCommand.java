package dev.spinj.cli;

import dev.spinj.loader.oci.PulledArtifact;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spin registry pull}: fills the registry cache, which later {@code spin up -f <reference>} runs reuse. */
@Command(name = "pull", description = "Pull a Spin application from a registry into the cache.")
final class RegistryPullCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<REFERENCE>", description = "Reference in the registry of the Spin application.")
    String reference;

    @Option(names = {"-k", "--insecure"}, description = "Talk to the registry over plain HTTP.")
    boolean insecure;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information.")
    boolean help;

    @Override
    public Integer call() throws CliException {
        System.out.println("Pulling " + reference + "...");
        PulledArtifact pulled = RegistryAccess.pull(reference, insecure);
        System.out.println("Pulled " + pulled.reference() + "@" + pulled.manifestDigest());
        return 0;
    }
}
