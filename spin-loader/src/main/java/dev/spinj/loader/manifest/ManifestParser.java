package dev.spinj.loader.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads a {@code spin.toml}: TOML syntax first, then the format version
 * ({@code spin_manifest_version = "1"} / {@code spin_version = "1"} or
 * {@code spin_manifest_version = 2}), then the version's schema and validation rules.
 */
public final class ManifestParser {
    private ManifestParser() {}

    public static Manifest parse(Path file) throws ManifestException {
        return parse(file, null);
    }

    /**
     * @param profile a Spin 4 {@code --profile}: each component defining it gets its overrides;
     *                null for the defaults. v1 manifests have no profiles.
     */
    public static Manifest parse(Path file, String profile) throws ManifestException {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new ManifestException(file, e);
        }
        try {
            List<TomlParseError> errors = toml.errors();
            if (!errors.isEmpty()) {
                TomlParseError first = errors.get(0);
                throw new InvalidManifestException(
                        "TOML parse error: " + first.getMessage() + TomlFields.at(first.position()));
            }
            TomlFields root = TomlFields.root(toml);
            return switch (version(root)) {
                case 1 -> {
                    if (profile != null) {
                        throw new InvalidManifestException("Profile " + profile + " is not defined in this application");
                    }
                    yield V1Compat.read(root);
                }
                default -> V2Reader.read(root, profile);
            };
        } catch (InvalidManifestException e) {
            throw new ManifestException(file, e);
        }
    }

    /**
     * Spin 1 reads the version as a string that must parse as the number 1; Spin 2 reads the
     * integer 2. Both keys are accepted as Spin 1 aliases of each other.
     */
    private static int version(TomlFields root) {
        String key = root.has("spin_manifest_version") ? "spin_manifest_version" : "spin_version";
        Object value = root.raw(key);
        if (value == null) {
            throw root.missing("spin_manifest_version");
        }
        if (value instanceof String text) {
            long number;
            try {
                number = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw root.error(key, "invalid version: invalid digit found in string");
            }
            if (number != 1) {
                throw root.error(key, "invalid version " + number + " != 1");
            }
            return 1;
        }
        if (Long.valueOf(2).equals(value) && key.equals("spin_manifest_version")) {
            return 2;
        }
        throw root.error(key, "invalid manifest version: " + TomlFields.plainValue(value));
    }
}
