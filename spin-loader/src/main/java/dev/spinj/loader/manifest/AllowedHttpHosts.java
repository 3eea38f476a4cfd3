package dev.spinj.loader.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The v1 {@code allowed_http_hosts} syntax ({@code fermyon/spin@v1.5.1:crates/outbound-http/src/allowed_http_hosts.rs}):
 * {@code host}, {@code host:port}, {@code http(s)://host[:port][/]}, {@code self}, or
 * {@code insecure:allow-all} (which disables checking of every other entry).
 */
final class AllowedHttpHosts {
    static final String ALLOW_ALL = "insecure:allow-all";

    private record Host(String domain, int port) {}

    private AllowedHttpHosts() {}

    /** Spin's message listing every invalid entry, or empty when all are valid. */
    static Optional<String> problem(List<String> entries) {
        if (entries.contains(ALLOW_ALL)) {
            return Optional.empty();
        }
        List<String> errors = new ArrayList<>();
        for (String entry : entries) {
            try {
                parse(entry);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return errors.isEmpty()
                ? Optional.empty()
                : Optional.of("One or more allowed_http_hosts entries was invalid:\n" + String.join("\n", errors));
    }

    /**
     * The Spin 2 translation into {@code allowed_outbound_hosts} entries: each host is allowed
     * over http and https; {@code self} becomes {@code http://self}. Entries must be valid.
     */
    static List<String> toOutboundHosts(List<String> entries) {
        if (entries.contains(ALLOW_ALL)) {
            return List.of("http://*:*", "https://*:*");
        }
        List<String> outbound = new ArrayList<>();
        for (String entry : entries) {
            Host host = parse(entry);
            if (host.domain().equals("self")) {
                outbound.add("http://self");
                continue;
            }
            String port = host.port() < 0 ? "" : ":" + host.port();
            outbound.add("http://" + host.domain() + port);
            outbound.add("https://" + host.domain() + port);
        }
        return outbound;
    }

    private static Host parse(String text) {
        // A bare "host:port" would parse as scheme "host"; only text with "//" is a URL.
        URI uri;
        if (text.contains("//")) {
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(text + " isn't a valid HTTP host URL: " + e.getReason());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(text + " isn't a valid host or host:port string");
            }
        } else {
            try {
                uri = new URI("http://" + text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(text + " isn't a valid host or host:port string");
            }
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(text + " doesn't contain a host name");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() > 1 || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(text + " contains a path, should be host and optional port only");
        }
        return new Host(uri.getHost(), uri.getPort());
    }
}
