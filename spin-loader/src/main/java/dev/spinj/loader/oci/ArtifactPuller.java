package dev.spinj.loader.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Pulls a Spin app into a {@link RegistryCache}, reading both shapes Spin has pushed: the lock as
 * the last layer (≥ 2.0) and the lock as the config blob (0.9–1.5). Every blob is verified against
 * its descriptor's digest and size before it is kept; blobs already in the cache are not fetched
 * again, so an interrupted pull resumes where it stopped.
 */
public final class ArtifactPuller {
    private ArtifactPuller() {}

    public static PulledArtifact pull(Reference reference, RegistryClient client, RegistryCache cache) throws IOException {
        RegistryClient.FetchedManifest fetched = client.getManifest();
        ImageManifest manifest;
        try {
            manifest = ImageManifest.fromJson(fetched.bytes());
        } catch (IOException e) {
            throw new RegistryException("the manifest of " + reference + " (" + fetched.mediaType() + ") is not a Spin application", e);
        }
        cache.write(cache.manifestDir(reference).resolve("manifest.json"), fetched.bytes());
        byte[] config = inMemory(manifest.config(), client);
        cache.write(cache.manifestDir(reference).resolve("config.json"), config);
        byte[] lock = MediaTypes.SPIN_LOCK.equals(manifest.config().mediaType()) ? config : null;
        for (Descriptor layer : manifest.layers()) {
            String type = layer.mediaType();
            if (MediaTypes.SPIN_LOCK.equals(type)) {
                lock = inMemory(layer, client);
            } else if (MediaTypes.ARCHIVE_LAYER.equals(type)) {
                throw new RegistryException("layer " + layer.digest() + " is an archive layer (" + type + "), not supported yet");
            } else {
                // Spin treats any type it does not know as data
                cache.store(MediaTypes.isWasm(type) ? cache.wasm(layer.digest()) : cache.data(layer.digest()),
                        out -> client.getBlob(layer, out));
            }
        }
        if (lock == null) {
            throw new RegistryException(reference + " holds no Spin application lock (no "
                    + MediaTypes.SPIN_LOCK + " config or layer)");
        }
        return new PulledArtifact(reference, fetched.digest(), lock, cache);
    }

    private static byte[] inMemory(Descriptor blob, RegistryClient client) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.getBlob(blob, out);
        return out.toByteArray();
    }
}
