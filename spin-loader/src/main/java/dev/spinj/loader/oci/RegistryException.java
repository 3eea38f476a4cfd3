package dev.spinj.loader.oci;

import java.io.IOException;

/** A registry answered something other than what the distribution protocol promises, or content failed verification. */
public final class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
