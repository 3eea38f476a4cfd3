package dev.spinj.loader.oci;

import java.util.List;

/** The media types of Spin's OCI artifact (spinframework/spin crates/oci/src/client.rs) and of the manifests we accept. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** The locked app: a layer since Spin 2.0, the config blob in Spin 0.9–1.5. */
    public static final String SPIN_LOCK = "application/vnd.fermyon.spin.application.v1+config";
    public static final String WASM_LAYER = "application/vnd.wasm.content.layer.v1+wasm";
    /** Wasm pushed by {@code wkg}; Spin reads it as wasm too. */
    public static final String WASM_WKG = "application/wasm";
    public static final String DATA_LAYER = "application/vnd.wasm.content.layer.v1+data";
    public static final String ARCHIVE_LAYER = "application/vnd.wasm.content.bundle.v1.tar+gzip";

    /** What a manifest GET accepts; the registry answers 404 to a GET without an OCI type. */
    public static final List<String> MANIFEST_ACCEPT = List.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST, OCI_INDEX);

    private MediaTypes() {}

    public static boolean isWasm(String mediaType) {
        return WASM_LAYER.equals(mediaType) || WASM_WKG.equals(mediaType);
    }
}
