package dev.spinj.loader.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pulls a Spin app into a {@link RegistryCache}, reading both shapes Spin has pushed: the lock as
 * the last layer (≥ 2.0) and the lock as the config blob (0.9–1.5). Every blob is verified against
 * its descriptor's digest and size before it is kept. A Wasm package of a single wasm layer (what
 * {@code wkg oci push} makes) is accepted too; blobs already in the cache are not fetched
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
                unpack(cache.store(cache.data(layer.digest()), out -> client.getBlob(layer, out)), cache, layer);
            } else {
                // Spin treats any type it does not know as data
                cache.store(MediaTypes.isWasm(type) ? cache.wasm(layer.digest()) : cache.data(layer.digest()),
                        out -> client.getBlob(layer, out));
            }
        }
        if (lock != null) {
            return new PulledArtifact(reference, fetched.digest(), lock, cache);
        }
        // Spin ≥ 3.6 runs a Wasm package of exactly one wasm layer as a bare HTTP component
        if (manifest.layers().size() == 1 && MediaTypes.isWasm(manifest.layers().get(0).mediaType())) {
            return new PulledArtifact(reference, fetched.digest(), null, cache.wasm(manifest.layers().get(0).digest()), cache);
        }
        throw new RegistryException(reference + " is neither a Spin application (no " + MediaTypes.SPIN_LOCK
                + " config or layer) nor a Wasm package of one wasm layer");
    }

    /**
     * Keeps every file of an archive layer by its own digest, which is how the lock refers to it.
     * Done on every pull, so a pull interrupted after the archive was cached still completes.
     */
    private static void unpack(Path archive, RegistryCache cache, Descriptor layer) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            TarArchive.forEachFile(in, cache::storeData);
        } catch (IOException e) {
            throw new RegistryException("archive layer " + layer.digest() + " could not be unpacked", e);
        }
    }

    private static byte[] inMemory(Descriptor blob, RegistryClient client) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.getBlob(blob, out);
        return out.toByteArray();
    }
}
