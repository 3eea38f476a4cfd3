package dev.spinj.loader.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference, {@code [registry[:port]/]repository[:tag][@sha256:…]}, read with Docker's
 * rules: a first path segment is a registry only if it has a {@code .} or {@code :} or is
 * {@code localhost}; otherwise the registry is Docker Hub and one-segment repositories get
 * {@code library/}. Without a tag or digest the tag is {@code latest}.
 *
 * @param tag    null when the reference names a digest only
 * @param digest null unless the reference pins one
 */
public record Reference(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

    public static Reference parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a valid image reference"));
    }

    public static Optional<Reference> tryParse(String text) {
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                return Optional.empty();
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        if (!REGISTRY.matcher(registry).matches() || !REPOSITORY.matcher(rest).matches()) {
            return Optional.empty();
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return Optional.of(new Reference(registry, rest, tag, digest));
    }

    /**
     * Whether {@code spin up -f text} means a registry reference rather than a missing file: Spin's
     * rule ({@code is_probably_oci_reference}): it parses, and it names a registry other than Docker
     * Hub or carries an explicit tag or digest.
     */
    public static boolean isProbablyReference(String text) {
        Optional<Reference> ref = tryParse(text);
        if (ref.isEmpty()) {
            return false;
        }
        String afterLastSlash = text.substring(text.lastIndexOf('/') + 1);
        return !ref.get().registry().equals(DOCKER_HUB) || afterLastSlash.contains(":") || text.contains("@")
                || text.contains("docker");
    }

    /** The key credentials are stored under: Docker Hub as {@code index.docker.io}, like Spin and Docker. */
    public String credentialKey() {
        return registry.equals(DOCKER_HUB) ? "index.docker.io" : registry;
    }

    /** The host (and port) that speaks the distribution API. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** The tag or digest a manifest is fetched by. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
