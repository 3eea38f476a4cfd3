package dev.spinj.loader.oci;

import java.io.IOException;

/** Pushes a {@link SpinArtifact}: the layers (skipping those the registry has), the config, then the manifest. */
public final class ArtifactPusher {
    private ArtifactPusher() {}

    /** @return the pushed manifest's digest */
    public static String push(SpinArtifact artifact, RegistryClient client) throws IOException {
        for (Blob layer : artifact.layers()) {
            upload(layer, client);
        }
        upload(artifact.config(), client);
        return client.putManifest(artifact.manifest().toJson(), MediaTypes.OCI_MANIFEST);
    }

    private static void upload(Blob blob, RegistryClient client) throws IOException {
        if (!client.hasBlob(blob.descriptor().digest())) {
            client.putBlob(blob);
        }
    }
}
