package dev.spinj.cli;

import dev.spinj.loader.AppLoadException;
import dev.spinj.loader.AppLoader;
import dev.spinj.loader.WasmFileApp;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.manifest.ManifestException;
import dev.spinj.loader.oci.ArtifactPusher;
import dev.spinj.loader.oci.Reference;
import dev.spinj.loader.oci.RegistryClient;
import dev.spinj.loader.oci.SpinArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spin registry push}: the app as Spin's OCI artifact, under a tag. */
@Command(name = "push", description = "Push a Spin application to a registry.")
final class RegistryPushCommand implements Callable<Integer> {
    /** Set (to anything) to send files as archive layers even under the layer limit, as with Spin ≥ 2.6. */
    static final String ARCHIVE_LAYERS = "SPIN_OCI_ARCHIVE_LAYERS";

    @Parameters(paramLabel = "<REFERENCE>", description = "Reference in the registry of the Spin application, e.g. ghcr.io/me/app:v1.")
    String reference;

    @Option(names = {"-f", "--from", "--file"}, paramLabel = "<APPLICATION>",
            description = "The application to push: a spin.toml file or a directory containing one (default: spin.toml).")
    String from;

    @Option(names = {"-k", "--insecure"}, description = "Talk to the registry over plain HTTP.")
    boolean insecure;

    @Option(names = "--build", description = "Run `spin build` before pushing the application.")
    boolean build;

    @Option(names = "--annotation", paramLabel = "<KEY=VALUE>", description = "Add an annotation to the manifest (repeatable).")
    List<String> annotations = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Reference ref = RegistryAccess.reference(reference);
        Path manifest = UpCommand.resolveManifest(from);
        if (WasmFileApp.isWasmFile(manifest)) {
            throw new CliException("Cannot push " + manifest + ": `spin registry push` needs a spin.toml");
        }
        if (build) {
            ComponentBuilder.forManifest(manifest).build(List.of(), System.out);
        }
        Map<String, String> explicit = new TreeMap<>();
        for (String pair : annotations) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliException("Invalid value '" + pair + "' for '--annotation <KEY=VALUE>'");
            }
            explicit.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        Path staging = Files.createTempDirectory("spin-push-");
        try {
            LockedApp app;
            try {
                app = AppLoader.load(manifest, staging, new AppLoader.Options(false, Map.of()));
            } catch (ManifestException | AppLoadException e) {
                throw new CliException(e.getMessage(), e.getCause());
            }
            System.out.println("Pushing app to the Registry...");
            String digest;
            try {
                digest = ArtifactPusher.push(SpinArtifact.assemble(app, explicit, Instant.now(), System.getenv().containsKey(ARCHIVE_LAYERS)),
                        RegistryAccess.client(ref, insecure, RegistryClient.Access.PUSH));
            } catch (IOException e) {
                throw new CliException("Failed to push " + manifest + " to " + reference, e);
            }
            System.out.println("Pushed with digest " + digest);
            return 0;
        } finally {
            UpCommand.deleteRecursively(staging);
        }
    }
}
