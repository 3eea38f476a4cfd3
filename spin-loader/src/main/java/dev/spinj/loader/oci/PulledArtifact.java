package dev.spinj.loader.oci;

/**
 * A Spin app pulled into the cache: its manifest digest and its lock JSON as pushed, whose
 * digests refer to blobs now in {@code cache}.
 */
public record PulledArtifact(Reference reference, String manifestDigest, byte[] lock, RegistryCache cache) {}
