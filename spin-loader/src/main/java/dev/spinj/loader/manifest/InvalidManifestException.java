package dev.spinj.loader.manifest;

/**
 * The specific problem in a manifest, e.g. {@code missing field `component` at line 1 column 1};
 * always delivered as the cause of a {@link ManifestException}.
 */
public final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidManifestException(String message) {
        super(message);
    }

    /** A headline such as {@code component "x" has invalid dependencies}, caused by the specific problem. */
    public InvalidManifestException(String message, InvalidManifestException cause) {
        super(message, cause);
    }
}
