package dev.spinj.wasm.host.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where one component may send requests. Two rule languages, chosen by the lock's shape:
 * <ul>
 *   <li>Spin 1 {@code allowed_http_hosts} ({@code fermyon/spin@v1.5.1:crates/outbound-http/src/allowed_http_hosts.rs}):
 *       {@code host}, {@code host:port}, {@code http(s)://host[:port]}, {@code self},
 *       {@code insecure:allow-all}. The entry's scheme is not compared; host and port must be
 *       equal, a port equal to its scheme's default counting as absent.</li>
 *   <li>Spin 2 {@code allowed_outbound_hosts} ({@code crates/outbound-networking/src/lib.rs}):
 *       {@code scheme://host[:port]} where scheme may be {@code *}, host {@code *},
 *       {@code *.domain} or {@code self}, port {@code *}, a number or {@code a..b}; a missing port
 *       means the scheme's well-known port.</li>
 * </ul>
 * Relative URLs ({@code /path}) go to the app itself and need {@code self} (or allow-all).
 */
public final class AllowedOutboundHosts {
    private static final String ALLOW_ALL = "insecure:allow-all";

    /** One allow-list entry: does it let a request go to {@code scheme://host:port} (port -1 = absent)? */
    private interface Rule {
        boolean allows(String scheme, String host, int port);

        boolean allowsRelative();
    }

    private final List<Rule> rules;

    private AllowedOutboundHosts(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Spin 1 entries; the manifest loader already refused invalid ones, so this throws only on a hand-written lock. */
    public static AllowedOutboundHosts spin1(List<String> entries) {
        if (entries.contains(ALLOW_ALL)) {
            return new AllowedOutboundHosts(List.of(new Everything()));
        }
        List<Rule> rules = new ArrayList<>();
        for (String entry : entries) {
            rules.add(entry.equals("self") ? new Self() : Spin1Host.parse(entry));
        }
        return new AllowedOutboundHosts(rules);
    }

    /** Spin 2 entries; an invalid entry is an {@link IllegalArgumentException} naming it. */
    public static AllowedOutboundHosts spin2(List<String> entries) {
        if (entries.size() == 1 && entries.get(0).equals(ALLOW_ALL)) {
            throw new IllegalArgumentException("'insecure:allow-all' is not allowed - use '*://*:*' instead");
        }
        List<Rule> rules = new ArrayList<>();
        for (String entry : entries) {
            rules.add(Spin2Host.parse(entry));
        }
        return new AllowedOutboundHosts(rules);
    }

    public boolean allowsRelative() {
        return rules.stream().anyMatch(Rule::allowsRelative);
    }

    /** Whether an absolute URL may be requested (the scheme is checked by the rules, not here). */
    public boolean allows(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = host(url);
        int port = url.getPort();
        return rules.stream().anyMatch(rule -> rule.allows(scheme, host, port));
    }

    static boolean isHttp(URI url) {
        return "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
    }

    /** The host as the {@code url} crate reports it: lower case, IPv6 without brackets. */
    private static String host(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int wellKnownPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            case "postgres" -> 5432;
            case "mysql" -> 3306;
            case "redis" -> 6379;
            case "mqtt" -> 1883;
            default -> -1;
        };
    }

    private record Everything() implements Rule {
        @Override
        public boolean allows(String scheme, String host, int port) {
            return true;
        }

        @Override
        public boolean allowsRelative() {
            return true;
        }
    }

    /** Spin 1 {@code self}: relative URLs only. */
    private record Self() implements Rule {
        @Override
        public boolean allows(String scheme, String host, int port) {
            return false;
        }

        @Override
        public boolean allowsRelative() {
            return true;
        }
    }

    /** Spin 1 host entry; {@code port} is -1 when absent or the default of the entry's scheme. */
    private record Spin1Host(String host, int port) implements Rule {
        static Spin1Host parse(String entry) {
            URI uri;
            try {
                uri = new URI(entry.contains("//") ? entry : "http://" + entry);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid allowed_http_hosts entry " + entry + ": " + e.getReason());
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("invalid allowed_http_hosts entry " + entry + ": no host");
            }
            return new Spin1Host(AllowedOutboundHosts.host(uri), normalPort(uri.getScheme().toLowerCase(Locale.ROOT), uri.getPort()));
        }

        @Override
        public boolean allows(String scheme, String host, int port) {
            return (scheme.equals("http") || scheme.equals("https")) && this.host.equals(host)
                    && this.port == normalPort(scheme, port);
        }

        @Override
        public boolean allowsRelative() {
            return false;
        }

        private static int normalPort(String scheme, int port) {
            return port == wellKnownPort(scheme) ? -1 : port;
        }
    }

    /**
     * Spin 2 entry. {@code host} is {@code *} (any), {@code .domain} (any subdomain), {@code self}
     * or an exact name; {@code portFrom..portTo} is half-open, {@code -1..-1} meaning any port.
     */
    private record Spin2Host(String scheme, String host, int portFrom, int portTo) implements Rule {
        static Spin2Host parse(String original) {
            String entry = original.trim();
            int sep = entry.indexOf("://");
            if (sep < 0) {
                throw new IllegalArgumentException("\"" + entry + "\" does not contain a scheme (e.g., 'http://' or '*://')");
            }
            String scheme = entry.substring(0, sep);
            if (!scheme.equals("*") && !scheme.chars().allMatch(Character::isLetter)) {
                throw new IllegalArgumentException("scheme \"" + scheme + "\" contains non alphabetic character");
            }
            String rest = entry.substring(sep + 3);
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? rest : rest.substring(0, colon);
            String port = colon < 0 ? "" : rest.substring(colon + 1);
            int slash = colon < 0 ? host.indexOf('/') : port.indexOf('/');
            if (slash >= 0) {
                String path = colon < 0 ? host.substring(slash + 1) : port.substring(slash + 1);
                if (!path.isEmpty()) {
                    throw new IllegalArgumentException("\"" + entry + "\" has a path but is not allowed to");
                }
                if (colon < 0) {
                    host = host.substring(0, slash);
                } else {
                    port = port.substring(0, slash);
                }
            }
            host = host.trim().toLowerCase(Locale.ROOT);
            if (host.startsWith("*.")) {
                if (host.substring(2).contains("*")) {
                    throw new IllegalArgumentException("Invalid allowed host " + host + ": wildcards are allowed only as prefixes");
                }
                host = host.substring(1);
            } else if (!host.equals("*") && host.contains("*")) {
                throw new IllegalArgumentException("Invalid allowed host " + host + ": wildcards are allowed only as subdomains");
            }
            if (port.isEmpty()) {
                int known = wellKnownPort(scheme);
                if (known < 0) {
                    throw new IllegalArgumentException("no port was provided and the scheme \"" + scheme
                            + "\" does not have a known default port number");
                }
                return new Spin2Host(scheme, host, known, known + 1);
            }
            if (port.equals("*")) {
                return new Spin2Host(scheme, host, -1, -1);
            }
            try {
                int range = port.indexOf("..");
                if (range >= 0) {
                    return new Spin2Host(scheme, host, Integer.parseInt(port.substring(0, range)),
                            Integer.parseInt(port.substring(range + 2)));
                }
                int p = Integer.parseInt(port);
                return new Spin2Host(scheme, host, p, p + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port \"" + port + "\" is not a number");
            }
        }

        @Override
        public boolean allows(String scheme, String host, int port) {
            return (this.scheme.equals("*") || this.scheme.equals(scheme)) && hostAllows(host) && portAllows(scheme, port);
        }

        private boolean hostAllows(String candidate) {
            if (host.equals("*")) {
                return true;
            }
            if (host.equals("self")) {
                return false;
            }
            return host.startsWith(".") ? candidate.endsWith(host) : host.equals(candidate);
        }

        private boolean portAllows(String scheme, int port) {
            if (portFrom < 0) {
                return true;
            }
            int effective = port >= 0 ? port : wellKnownPort(scheme);
            return effective >= portFrom && effective < portTo;
        }

        @Override
        public boolean allowsRelative() {
            boolean http = scheme.equals("*") || scheme.equals("http") || scheme.equals("https");
            return http && (host.equals("*") || host.equals("self"));
        }
    }
}
