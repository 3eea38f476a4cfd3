package dev.spinj.loader.manifest;

import java.nio.file.Path;

/**
 * A manifest that cannot be read or is invalid. The message is Spin's headline naming the file;
 * the cause says what is wrong, so a CLI prints {@code Error: <message>} then
 * {@code Caused by: <cause>} as Spin does.
 */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestException(Path file, Throwable cause) {
        super("Cannot read spin.toml manifest from \"" + file.toAbsolutePath().normalize() + "\"", cause);
    }
}
