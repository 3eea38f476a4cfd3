package dev.spinj.loader.oci;

import java.nio.file.Path;

/**
 * An app pulled into the cache: its manifest digest and either a Spin lock JSON as pushed, whose
 * digests refer to blobs now in {@code cache}, or, for a bare Wasm package (one wasm layer and
 * no lock, as {@code wkg oci push} makes), that wasm.
 *
 * @param lock     null for a bare Wasm package
 * @param bareWasm null unless {@code lock} is
 */
public record PulledArtifact(Reference reference, String manifestDigest, byte[] lock, Path bareWasm, RegistryCache cache) {

    public PulledArtifact(Reference reference, String manifestDigest, byte[] lock, RegistryCache cache) {
        this(reference, manifestDigest, lock, null, cache);
    }
}
