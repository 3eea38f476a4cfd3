package dev.spinj.cli;

import dev.spinj.loader.oci.ArtifactPuller;
import dev.spinj.loader.oci.CredentialLookup;
import dev.spinj.loader.oci.PulledArtifact;
import dev.spinj.loader.oci.Reference;
import dev.spinj.loader.oci.RegistryCache;
import dev.spinj.loader.oci.RegistryClient;
import java.io.IOException;

/** What {@code spin registry push|pull} and {@code spin up -f <reference>} share: parsing, credentials, the user's cache. */
final class RegistryAccess {
    private RegistryAccess() {}

    static Reference reference(String text) throws CliException {
        return Reference.tryParse(text).orElseThrow(() -> new CliException("Invalid reference '" + text + "'",
                new CliException("expected [registry/]repository[:tag][@sha256:digest]")));
    }

    /** A client with the credentials Spin would use: its own file, Docker's config, else anonymous. */
    static RegistryClient client(Reference reference, boolean insecure, RegistryClient.Access access) throws IOException {
        return new RegistryClient(reference, insecure, CredentialLookup.forUser(System.getenv()).find(reference.credentialKey()), access);
    }

    static PulledArtifact pull(String text, boolean insecure) throws CliException {
        Reference reference = reference(text);
        try {
            return ArtifactPuller.pull(reference, client(reference, insecure, RegistryClient.Access.PULL),
                    RegistryCache.inUserCache(System.getenv()));
        } catch (IOException e) {
            throw new CliException("Failed to pull " + text, e);
        }
    }
}
