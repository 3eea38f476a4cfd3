package dev.spinj.wasm.host.redis;

import dev.spinj.loader.lock.LockedComponent;
import java.util.List;
import java.util.Locale;

/**
 * Which Redis servers a component may reach. Spin 1.x checks nothing for Redis (SPEC 3.3): a v1
 * lock, recognised by the {@code allowed_http_hosts} entry every v1 component carries, allows
 * everything. A v2 lock follows Spin 2's {@code allowed_outbound_hosts}: only listed
 * {@code redis://host:port} entries (scheme and port may be {@code *}, the port defaults to 6379,
 * {@code insecure:allow-all} allows all); a component listing none may reach no server.
 */
record RedisAllowList(List<String> entries) {
    private static final int DEFAULT_PORT = 6379;
    private static final String ALLOW_ALL = "insecure:allow-all";

    static RedisAllowList of(LockedComponent component) {
        if (component.metadata().containsKey("allowed_http_hosts")) {
            return new RedisAllowList(List.of(ALLOW_ALL));
        }
        return new RedisAllowList(component.metadataList("allowed_outbound_hosts"));
    }

    boolean allows(String address) {
        if (entries.contains(ALLOW_ALL)) {
            return true;
        }
        Target target = Target.parse(address);
        return target != null && entries.stream().map(Target::parse).anyMatch(entry -> entry != null && entry.admits(target));
    }

    /** {@code scheme://[user@]host[:port][/...]}, read by hand because {@code *} is no valid URI scheme or host. */
    private record Target(String scheme, String host, String port) {
        static Target parse(String url) {
            int sep = url.indexOf("://");
            if (sep <= 0) {
                return null;
            }
            String authority = url.substring(sep + 3);
            int slash = authority.indexOf('/');
            authority = slash < 0 ? authority : authority.substring(0, slash);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon > authority.lastIndexOf(']');
            String host = hasPort ? authority.substring(0, colon) : authority;
            String port = hasPort ? authority.substring(colon + 1) : String.valueOf(DEFAULT_PORT);
            if (host.isEmpty()) {
                return null;
            }
            return new Target(url.substring(0, sep).toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), port);
        }

        boolean admits(Target target) {
            return matches(scheme, target.scheme) && matches(host, target.host) && matches(port, target.port);
        }

        private static boolean matches(String pattern, String value) {
            return pattern.equals("*") || pattern.equals(value);
        }
    }
}
