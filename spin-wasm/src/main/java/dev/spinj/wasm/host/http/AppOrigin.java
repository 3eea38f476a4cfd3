package dev.spinj.wasm.host.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The app's own {@code scheme://host:port}, the target of relative outbound URLs ({@code self}),
 * and the trigger's way of serving such requests in-process. Known only once a trigger has bound
 * its listener, so the trigger announces it then; until then (and in triggers without a listener)
 * relative URLs fail.
 */
public final class AppOrigin {
    private volatile URI origin;
    private volatile AppLoopback loopback;

    /** @param origin e.g. {@code http://127.0.0.1:3000}; any path is ignored */
    public void announce(URI origin) {
        this.origin = URI.create(origin.getScheme() + "://" + origin.getRawAuthority());
    }

    /** Also serves requests to {@code origin} in-process through {@code loopback}. */
    public void announce(URI origin, AppLoopback loopback) {
        announce(origin);
        this.loopback = loopback;
    }

    /** The origin, or null when no trigger announced one. */
    public URI get() {
        return origin;
    }

    /** How to serve a request to the app in-process, or null when requests to it go over the network. */
    AppLoopback loopback() {
        return loopback;
    }

    /**
     * Whether {@code url} reaches the app's own listener: same scheme and port, and the listener's
     * host, or a loopback name or address when the listener is on loopback or on every address, or
     * (listener on every address) an address of one of this machine's interfaces. Names other than
     * {@code localhost} are not resolved: such a request goes out over the network.
     */
    boolean isSelf(URI url) {
        URI self = origin;
        if (self == null || url.getScheme() == null || url.getHost() == null
                || !self.getScheme().equalsIgnoreCase(url.getScheme()) || port(self) != port(url)) {
            return false;
        }
        String host = bare(url.getHost());
        String selfHost = bare(self.getHost());
        if (host.equals(selfHost)) {
            return true;
        }
        InetAddress listener = literal(selfHost);
        if (listener == null || !(listener.isLoopbackAddress() || listener.isAnyLocalAddress())) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        InetAddress target = literal(host);
        return target != null && (target.isLoopbackAddress() || (listener.isAnyLocalAddress() && isLocal(target)));
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : AllowedOutboundHosts.wellKnownPort(url.getScheme().toLowerCase(Locale.ROOT));
    }

    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    /** The address an IP literal names, or null for a host name (never a DNS lookup). */
    private static InetAddress literal(String host) {
        boolean ip = host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!ip || host.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
