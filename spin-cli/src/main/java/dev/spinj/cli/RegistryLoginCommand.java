package dev.spinj.cli;

import dev.spinj.loader.oci.Credentials;
import dev.spinj.loader.oci.Reference;
import dev.spinj.loader.oci.RegistryClient;
import dev.spinj.loader.oci.SpinAuthFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spin registry login}: checks the credentials against the registry ({@code GET /v2/}),
 * then saves them in Spin's {@code registry-auth.json}, where Spin finds them too.
 */
@Command(name = "login", description = "Log into a registry.")
final class RegistryLoginCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<SERVER>", description = "The registry, e.g. ghcr.io (a URL is reduced to its host).")
    String server;

    @Option(names = {"-u", "--username"}, paramLabel = "<USERNAME>", required = true, description = "Username for the registry.")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "<PASSWORD>", description = "Password for the registry.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = {"-k", "--insecure"}, description = "Check the credentials over plain HTTP (spinj only: Spin logs in over HTTPS only).")
    boolean insecure;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information.")
    boolean help;

    @Override
    public Integer call() throws CliException, IOException {
        if (password == null && !passwordStdin) {
            throw new CliException("No password given: use --password or --password-stdin");
        }
        String secret = password != null ? password
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Credentials credentials = new Credentials(username, secret == null ? "" : secret);
        String registry = registryOf(server);
        try {
            new RegistryClient(new Reference(registry, null, null, null), insecure, Optional.of(credentials),
                    RegistryClient.Access.PULL).checkAccess();
        } catch (IOException e) {
            throw new CliException("Failed to log in to " + registry, e);
        }
        SpinAuthFile file = SpinAuthFile.inUserConfig(System.getenv());
        file.save(Reference.DOCKER_HUB.equals(registry) ? "index.docker.io" : registry, credentials);
        System.out.println("Login Succeeded (credentials saved in " + file.path() + ")");
        return 0;
    }

    /** {@code https://ghcr.io/v2/} → {@code ghcr.io}, as Spin's {@code registry_from_input}. */
    static String registryOf(String input) {
        String host = input.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        return slash >= 0 ? host.substring(0, slash) : host;
    }
}
